"""The Telegram bot: a thin adapter that asks `AssistantService` and renders its answers.

`python -m assistant.telegram` runs it with long polling; the HTTP server runs it in webhook mode
when `ASSISTANT_TELEGRAM_WEBHOOK_SECRET` is set. Nothing here is imported unless a bot is wanted.
"""
