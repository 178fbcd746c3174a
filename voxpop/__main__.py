"""`python -m voxpop` runs the command line."""

from voxpop.cli import main

main()
