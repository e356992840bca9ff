"""`python -m explorer` runs the CLI."""

import sys

from explorer.cli import main

sys.exit(main())
