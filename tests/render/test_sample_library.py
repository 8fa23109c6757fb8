"""Every active entry and template of the real sample library renders with every sample."""

from __future__ import annotations

import pytest

from cskit.library.load import load_library, template_paths
from cskit.render.renderer import Renderer, apply_conditions
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(
    not (ROOT / "library" / "cskit.yaml").is_file(), reason="the sample library is not here yet"
)


def test_every_entry_and_template_renders_with_every_matching_sample():
    lib = load_library(ROOT / "library", use_cache=False)
    r = Renderer(lib.config, lib)
    samples = {name: r.sample(name) for name in lib.config.samples}
    assert samples, "the sample library defines samples"
    rendered = 0
    for entry in lib.entries:
        if not entry.active:
            continue
        for name, values in samples.items():
            if apply_conditions(entry, values, lib.config):
                for channel in (None, *entry.channels):
                    assert r.render_entry(entry, values, channel).strip(), (entry.id, name)
                    rendered += 1
    for path in template_paths(lib.config):
        for values in samples.values():
            assert r.render(path.read_text(encoding="utf-8"), values, path.name).strip()
            rendered += 1
    assert rendered > 100
