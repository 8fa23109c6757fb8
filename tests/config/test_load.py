from __future__ import annotations

import pytest

from cskit.config.load import discover, load_config
from cskit.errors import ConfigError, LibraryNotFound
from tests.conftest import CONFIG

# These tests read the English error texts (Chinese is the default).
pytestmark = pytest.mark.usefixtures("english_errors")


def _load(make_library, text):
    root = make_library({}, text)
    return load_config(root / "cskit.yaml", root)


def test_full_config_reads(make_library):
    cfg = _load(make_library, CONFIG)
    assert cfg.variables["customer.phone"].pii and cfg.variables["shipment.eta"].type == "date"
    assert (
        cfg.facts["return_days"].value == 7
        and str(cfg.facts["return_days"].changed) == "2026-03-01"
    )
    assert (
        cfg.channels["sms"].signature == "【示例旗舰店】" and cfg.channels["sms"].max_segments == 2
    )
    assert str(cfg.review_every["policy"]) == "30d" and "shipped" in cfg.samples
    assert cfg.lint.fail_on == "error"


@pytest.mark.parametrize(
    ("change", "key_line", "words"),
    [
        (("version: 1", "version: 1\nlanguge: en"), None, "did you mean 'language'"),
        (("policy: 30d", "policy: 30x"), None, "not a duration"),
        (("order.id: {type: str", "order.id: {type: string"), None, "not one of"),
        (("changed: 2026-03-01", "changed: 三月"), None, "must be a date"),
        (("fail_on: error", "fail_on: sometimes"), None, "not one of"),
        (("sms: {signature", "sms: {sigature"), None, "did you mean 'signature'"),
        (("required: [owner, reviewed]", "required: [owner, reviwed]"), None, "not an entry field"),
        (("mentions: ['(\\d+)\\s*天无理由']", "mentions: ['(天']"), None, "bad regular expression"),
    ],
)
def test_bad_config_is_one_error_with_its_line(make_library, change, key_line, words):
    text = CONFIG.replace(*change, 1)
    # the line holding the bad text, counted in the file the test writes
    line = key_line or next(
        i for i, ln in enumerate(text.splitlines(), 1) if change[1].splitlines()[-1] in ln
    )
    with pytest.raises(ConfigError) as err:
        _load(make_library, text)
    text = str(err.value)
    assert f"cskit.yaml:{line}:" in text and words in text
    assert "\n" not in text


def test_syntax_error_and_duplicate_key(make_library):
    with pytest.raises(ConfigError, match=r"cskit.yaml:3: .*hint: fix the YAML syntax"):
        _load(make_library, "version: 1\ncategories: {a: 1\nowners: [x]\n")
    with pytest.raises(ConfigError, match=r"cskit.yaml:2: key 'version' appears twice"):
        _load(make_library, "version: 1\nversion: 1\n")


def test_discover_from_subfolder_and_repo_root(tmp_path, monkeypatch):
    (tmp_path / "library" / "scripts").mkdir(parents=True)
    (tmp_path / "library" / "cskit.yaml").write_text("version: 1\n")
    config, lib = discover(None, tmp_path / "library" / "scripts")
    assert config.resolve() == (tmp_path / "library" / "cskit.yaml").resolve()
    assert lib.resolve() == (tmp_path / "library").resolve()
    config, lib = discover(None, tmp_path)
    assert lib.resolve() == (tmp_path / "library").resolve()
    root_cfg = tmp_path / "cskit.yaml"
    (tmp_path / "library" / "cskit.yaml").unlink()
    root_cfg.write_text("version: 1\n")
    config, lib = discover(None, tmp_path)
    assert lib.resolve() == (tmp_path / "library").resolve()


def test_missing_library_folder(tmp_path):
    with pytest.raises(LibraryNotFound, match="does not exist"):
        discover(tmp_path / "nope")
    with pytest.raises(LibraryNotFound, match=r"no cskit\.yaml"):
        discover(None, tmp_path)


def test_language_aliases(make_library):
    assert (
        _load(make_library, CONFIG.replace("language: zh-Hans", "language: zh")).language
        == "zh-Hans"
    )
    assert _load(make_library, CONFIG.replace("language: zh-Hans", "language: en")).language == "en"
