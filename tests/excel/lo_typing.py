"""Type into cells with LibreOffice itself, as an editor does, and save the workbook as xlsx.

Run by the system Python that has LibreOffice's UNO bridge (Debian ``python3-uno``), not by
the project's virtualenv: ``python3 lo_typing.py SOFFICE PROFILE_URL IN.xlsx OUT.xlsx
EDITS.json`` with EDITS a list of ``{"sheet", "cell", "text"}``. Each text goes through
LibreOffice's own input handling (``.uno:EnterString`` on the selected cell, i.e. typing and
pressing Enter), so the cell's number format decides what it becomes, exactly as for a
person: ``0012`` stays text in a Text cell, a locked cell of a protected sheet refuses input.
"""

import json
import subprocess
import sys
import time
import uuid

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    exe, profile, src, dst, edits_path = sys.argv[1:6]
    with open(edits_path, encoding="utf-8") as fh:
        edits = json.load(fh)
    pipe = "cskit" + uuid.uuid4().hex
    office = subprocess.Popen(
        [exe, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--norestore",
         "--nologo", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        for _ in range(600):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.1)
        else:
            sys.exit("soffice did not start within 60 s")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        url = uno.systemPathToFileUrl(src)
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        controller = doc.getCurrentController()
        frame = controller.getFrame()
        dispatch = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for edit in edits:
            controller.setActiveSheet(doc.Sheets.getByName(edit["sheet"]))
            dispatch.executeDispatch(
                frame, ".uno:GoToCell", "", 0, (prop("ToPoint", edit["cell"]),)
            )
            dispatch.executeDispatch(
                frame, ".uno:EnterString", "", 0, (prop("StringName", edit["text"]),)
            )
        target = uno.systemPathToFileUrl(dst)
        doc.storeToURL(target, (prop("FilterName", "Calc MS Excel 2007 XML"),))
        try:
            doc.close(True)
            desktop.terminate()
        except Exception:  # the office may already be going away; the file is stored
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
