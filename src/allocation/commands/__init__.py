"""Subcommands of the `allocation` command line, one module each."""
