"""The commands, one module per group of related commands; `ratify.cli.main` registers them."""
