"""Word packs: loading them and the per-rule match index (pack data lives in cskit/packs/)."""
