"""`python -m assistant` does what the `wenmi` command does."""

import sys

from assistant.cli import main

sys.exit(main())
