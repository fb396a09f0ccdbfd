"""`python -m ingest PATH...`: the command keeps its short name; the adapter is `assistant.cli.ingest`.

This file is only that name: `ingest/` itself knows files and text, never the service.
"""

import sys

from assistant.cli.ingest import main

sys.exit(main())
