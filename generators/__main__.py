import sys

from generators.cli.commands import main

sys.exit(main())
