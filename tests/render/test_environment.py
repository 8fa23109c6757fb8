"""The sandbox and strict undefined: escapes fail with one clear error, never leak."""

from __future__ import annotations

from pathlib import Path

import pytest

from cskit.config.model import Config, Variable
from cskit.render.renderer import Renderer, RenderFailure

ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ joiner.__init__.__globals__.os }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ self._TemplateReference__context }}",
    "{{ self.__init__.__globals__ }}",
    "{{ config }}",
    "{{ config.items() }}",
    "{{ request.application.__globals__ }}",
    "{{ range(10**9) | list }}",
    "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
    "{% endfor %}{% endfor %}{% endfor %}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "{{ 'x' * 1000000000 }}",
    "{{ 9 ** 999999999 }}",
    "{{ order.id.__class__.__base__.__subclasses__() }}",
    "{{ '{0.__class__}'.format(order.id) }}",
    "{{ order['__class__'] }}",
    "{{ order.__dict__ }}",
    "{{ facts.__class__ }}",
    "{% include '/etc/passwd' %}",
    "{% import 'x' as y %}",
    "{{ order }}",
]


@pytest.fixture
def renderer() -> Renderer:
    config = Config(path=None, library_dir=Path("."))
    config.variables = {
        "order.id": Variable("order.id", label="订单号"),
        "shipment.tracking_no": Variable("shipment.tracking_no", optional=True),
    }
    return Renderer(config)


@pytest.mark.parametrize("source", ESCAPES)
def test_escape_attempts_fail_with_a_clear_one_line_error(renderer, source):
    with pytest.raises(RenderFailure) as info:
        renderer.render(source, {"order.id": "123"})
    message = info.value.message()
    assert "\n" not in message
    assert "<class" not in message and "/bin" not in message and "root" not in message


def test_unsafe_access_names_the_sandbox(renderer):
    with pytest.raises(RenderFailure) as info:
        renderer.render("{{ ''.__class__ }}", {})
    assert info.value.kind == "unsafe" and "沙箱" in info.value.zh


def test_missing_required_variable_is_named_with_label_and_line(renderer):
    with pytest.raises(RenderFailure) as info:
        renderer.render("您好\n订单{{ order.id }}", {})
    failure = info.value
    assert failure.kind == "missing" and failure.variable == "order.id"
    assert "order.id（订单号）" in failure.zh and failure.line == 2


def test_missing_value_is_falsy_and_defaultable(renderer):
    source = (
        "{% if shipment.tracking_no %}有{% else %}无{% endif %}"
        "{{ shipment.tracking_no | default('-') }}"
    )
    assert renderer.render(source, {"order.id": "1"}) == "无-"


def test_bounded_range_still_works(renderer):
    assert renderer.render("{% for i in range(3) %}{{ i }}{% endfor %}", {}) == "012"


def test_printing_a_method_is_an_error_not_a_memory_address(renderer):
    with pytest.raises(RenderFailure) as info:
        renderer.render("{{ order.id.format_map }}", {"order.id": "1"})
    assert "0x" not in info.value.message()
