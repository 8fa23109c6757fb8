"""The ``说明`` sheet: how to edit the workbook, in Chinese, with the registry of variables and
facts an answer may use. It is never read back."""

from __future__ import annotations

from typing import Any

from cskit.excel.base import Meta, encode_cell
from cskit.excel.layout import COLUMNS, DATA_SHEET, HELP_SHEET
from cskit.excel.typed import ENUM_LABELS
from cskit.library.model import Library

RULES = [
    "这份表格由 cskit export 导出。改完后交给维护人员运行 cskit import 导入话术库。",
    f"只修改“{DATA_SHEET}”工作表；其他工作表（包括隐藏的）不要改动，也不要改工作表名称。",
    "黄色表头的列可以编辑；灰色表头的列（编号、问题、所在文件）是锁定的，不要修改。",
    "“问题”列是导出时检查出的问题（错误、警告），按它修改对应的内容即可；这一列不会被导入。",
    "按“编号”对应条目：可以排序、筛选、调整列宽，行的顺序不影响导入。",
    "新增条目：在表格最下方新起一行。编号留空，导入时自动生成；也可以自己填一个好记的编号"
    "（小写英文字母、数字和 - _ .，如 complaint-ask-manager）。同一张表格重复导入不会重复新增。",
    "停用条目：把“状态”改成“停用”（archived），不要删除整行。删除的行只会被报告为缺失，不会从话术库删除。",
    "复核过一条内容：在“已复核”列填“是”，导入时审核日期记为导入当天，不用自己改日期。",
    "类型、分类、阶段、状态：可以从下拉列表选，也可以直接写中文名称，如 投诉纠纷、问题处理、停用。",
    "单元格内换行：Excel/WPS 按 Alt+Enter，LibreOffice 按 Ctrl+Enter 或 Alt+Enter。",
    "客户问法、标签：每行一项。适用条件、渠道文案：每行一个“键: 值”（半角冒号加空格）。",
    "忽略规则：每行一条“规则代码: 原因”，可写“规则代码 (until 2026-12-31): 原因”。",
    "日期写成 2026-12-07、2026/12/7 或 2026年12月7日；只写 12月7日 时，取离导入当天最近的那一年。",
    "审核周期写 90天、6周、3个月、半年 或 1年（也可以写 90d、6w、3m、1y）。",
    "活动可以提前准备：状态填“启用”，写好生效日期和失效日期，到生效日期才会对客户使用。",
    "所有单元格都是“文本”格式，订单号、0012 这类内容不会被改成数字。"
    "绿色小三角（“以文本形式存储的数字”）可以忽略。请不要把单元格格式改回“常规”。",
    "不要在内容开头输入 =，表格软件会把它当成公式，导入时会被拒绝。",
    "部分内容开头有一个看不见的标记（U+2060），用来防止被当成公式，保留即可。",
    "回复里可以使用下面登记过的变量，例如 {{ order.id }}；政策数字请写成 {{ facts.return_days }}。",
    "导入会先检查全部内容：有任何错误或冲突，就一条也不会写入，并给出每个单元格的问题和修改建议。"
    "导入前就已存在的问题只作提醒，不会挡住您的修改。",
]


def write_help(ws: Any, lib: Library, meta: Meta, rows: int) -> None:
    from openpyxl.styles import Alignment, Font

    ws.title = HELP_SHEET
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 30
    bold = Font(bold=True)
    out: list[tuple[str, ...]] = [("编辑须知",)]
    out += [(f"{i}.", text) for i, text in enumerate(RULES, 1)]
    out += [(), ("导出信息",), ("条目数", str(rows)), ("导出时间", meta.exported_at)]
    out += [("话术库版本（git）", meta.revision or "（不在 git 中）"), ("cskit 版本", meta.cskit)]
    out += [(), ("列", "说明", "字段名")]
    for col in COLUMNS:
        note = "锁定，不要修改" if col.locked else "可编辑"
        if col.key == "id":
            note = "已有条目锁定；新增行可留空或填写好记的编号"
        if col.key in ENUM_LABELS:
            note += "；可选：" + "、".join(f"{k}（{v}）" for k, v in ENUM_LABELS[col.key].items())
        out.append((col.header, note, col.key))
    config = lib.config
    if config.categories:
        out += [(), ("分类", "名称")]
        out += [(key, label) for key, label in config.categories.items()]
    if config.owners:
        out += [(), ("负责人",), *[(o,) for o in config.owners]]
    if config.variables:
        out += [(), ("可用变量", "含义", "写法")]
        for name, var in config.variables.items():
            notes = [var.label or "", var.type]
            if var.optional:
                notes.append("可能为空，需用 {% if %} 判断")
            if var.pii:
                notes.append("个人信息，需脱敏过滤器")
            out.append((name, "；".join(n for n in notes if n), "{{ " + name + " }}"))
    if config.facts:
        out += [(), ("政策常量", "当前值", "写法")]
        for key, fact in config.facts.items():
            label = f"{fact.label}：{fact.value}" if fact.label else str(fact.value)
            out.append((key, label, "{{ facts." + key + " }}"))
    for r, row in enumerate(out, 1):
        for c, text in enumerate(row, 1):
            cell = ws.cell(r, c)
            cell.value = encode_cell(text)
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if len(row) == 1 or row[0] in ("列", "分类", "可用变量", "政策常量"):
                cell.font = bold
    ws.protection.sheet = True
