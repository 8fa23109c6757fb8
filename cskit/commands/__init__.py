"""One module per command; ``cskit.cli`` mounts them."""
