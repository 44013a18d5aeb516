"""``python -m cleanarticle``: the same as the ``cleanarticle`` command."""

import sys

from .cli import main

sys.exit(main())
