"""`python -m samtale.cli`: the same as the `samtale` command."""

from samtale.cli import main

main(prog_name="samtale")
