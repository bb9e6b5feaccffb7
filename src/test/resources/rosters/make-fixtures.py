#!/usr/bin/env python3
"""Makes the roster fixtures of RosterOfficeFilesTests with LibreOffice Calc, as a county clerk would save them.

Each variant is written as a flat OpenDocument spreadsheet (.fods: sheets, merged cells, a hidden sheet, date cells
with a zh-CN date format, text cells with full-width digits and no-break spaces) and converted by LibreOffice itself:

    soffice --headless --convert-to xlsx  <variant>.fods
    soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' <variant>.fods   (UTF-8)
    soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,85' <variant>.fods   (GB18030)

so the .xlsx and .csv files hold what Calc writes (its merged-cell records, its number formats, dates "as shown" in
CSV). Run from this directory with LibreOffice installed (Debian: apt-get install libreoffice-calc-nogui):

    python3 make-fixtures.py

The test suite reads the committed outputs and does not need LibreOffice. Every variant has ID numbers of its own
(the historical Shenmu prefix 610821, a birth year per variant), so the variants import independently.
"""
import os
import re
import shutil
import subprocess
import tempfile
from xml.sax.saxutils import escape

HEADER = ["姓名", "证件类型", "证件号码", "国籍", "手机号", "来源地代码", "离开风险地区日期", "抵达日期", "交通方式",
          "车牌/车次/航班", "同行人员", "目的地代码", "详细地址"]
VILLAGE = "610881106201"
GROUP1 = VILLAGE + "001"
GROUP2 = VILLAGE + "002"
OTHER_VILLAGE = "610881106202"
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = ["建华", "秀英", "志强", "丽娟", "海燕", "国庆", "晓明", "玉兰", "文杰", "桂芳", "俊峰", "春梅", "伟", "静", "磊", "敏"]


def check_char(first17):
    return CHECK[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def id_number(variant, i, sequence=100):
    """A valid ID number of this variant: 610821, born (1950 + variant)-MM-DD, a sequence from 100 + i."""
    first17 = "610821%04d%02d%02d%03d" % (1950 + variant, 1 + i % 12, 1 + i % 28, sequence + i)
    return first17 + check_char(first17)


def id_ending_in_x(variant, i):
    """A valid ID number of this variant whose check character is X."""
    for sequence in range(100, 1000, 10):
        number = id_number(variant, i, sequence)
        if number.endswith("X"):
            return number
    raise ValueError("no X")


def bad_check(number):
    last = number[17]
    return number[:17] + ("1" if last != "1" else "2")


def name(variant, i):
    return SURNAMES[(variant * 7 + i) % len(SURNAMES)] + GIVEN[(variant + i * 3) % len(GIVEN)]


def phone(variant, i):
    return "1379%02d%05d" % (variant, i)


def fullwidth(text):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


class Date:
    """A date cell; style 'zh' (YY年M月D日, as a zh-CN Calc shows a short Chinese date) or 'iso'."""

    def __init__(self, iso, style="iso"):
        self.iso, self.style = iso, style


class Number:
    def __init__(self, value):
        self.value = value


class Sheet:
    def __init__(self, name, hidden=False):
        self.name, self.hidden, self.rows, self.merges = name, hidden, [], []

    def row(self, *cells):
        self.rows.append(list(cells))
        return self

    def merge(self, row, column, rows=1, columns=1):
        """Merges from (row, column), 0-based, over rows x columns; the text is the origin cell's."""
        self.merges.append((row, column, rows, columns))
        return self


def as_cell(value, date_style):
    """An ISO date (2020-01-22) becomes a date cell, anything else stays as it is (text typed as text)."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Date(value, date_style)
    return value


def roster_row(variant, i, *, destination=VILLAGE, arrived="2020-01-22", left=None, date_style="iso", id_value=None,
               phone_value=None, person_name=None, transport="火车", detail="G1234", origin="420102"):
    """A row of the template's 13 columns; the defaults make a valid row."""
    return [person_name if person_name is not None else name(variant, i), "",
            id_value if id_value is not None else id_number(variant, i), "",
            phone_value if phone_value is not None else phone(variant, i), origin, as_cell(left, date_style),
            as_cell(arrived, date_style), transport, detail, "", destination, "中鸡镇中鸡一村 %d 号" % (i + 1)]


def cell_xml(value, attributes=""):
    if value is None or value == "":
        return "<table:table-cell%s/>" % attributes
    if isinstance(value, Date):
        return ('<table:table-cell%s table:style-name="ce_%s" office:value-type="date" office:date-value="%s">'
                "<text:p>%s</text:p></table:table-cell>") % (attributes, value.style, value.iso, value.iso)
    if isinstance(value, Number):
        return ('<table:table-cell%s office:value-type="float" office:value="%s"><text:p>%s</text:p>'
                "</table:table-cell>") % (attributes, value.value, value.value)
    return ('<table:table-cell%s office:value-type="string"><text:p>%s</text:p></table:table-cell>'
            % (attributes, escape(value)))


def sheet_xml(sheet):
    covered = set()
    origins = {}
    for (r, c, rows, columns) in sheet.merges:
        origins[(r, c)] = (rows, columns)
        for rr in range(r, r + rows):
            for cc in range(c, c + columns):
                if (rr, cc) != (r, c):
                    covered.add((rr, cc))
    width = max([len(r) for r in sheet.rows] + [c + n for (_, c, _, n) in sheet.merges] + [1])
    out = ['<table:table table:name="%s"%s>' % (escape(sheet.name), ' table:style-name="ta_hidden"' if sheet.hidden else "")]
    for r, cells in enumerate(sheet.rows):
        out.append("<table:table-row>")
        for c in range(width):
            value = cells[c] if c < len(cells) else None
            if (r, c) in covered:
                out.append("<table:covered-table-cell/>")
            elif (r, c) in origins:
                rows, columns = origins[(r, c)]
                out.append(cell_xml(value, ' table:number-rows-spanned="%d" table:number-columns-spanned="%d"'
                                    % (rows, columns)))
            else:
                out.append(cell_xml(value))
        out.append("</table:table-row>")
    out.append("</table:table>")
    return "".join(out)


FODS = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3"
 office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:styles>
  <style:default-style style:family="table-cell"><style:text-properties fo:language="zh" fo:country="CN"
   style:language-asian="zh" style:country-asian="CN"/></style:default-style>
 </office:styles>
 <office:automatic-styles>
  <number:date-style style:name="N_zh" number:language="zh" number:country="CN"><number:year/><number:text>年</number:text>
   <number:month/><number:text>月</number:text><number:day/><number:text>日</number:text></number:date-style>
  <number:date-style style:name="N_iso"><number:year number:style="long"/><number:text>-</number:text>
   <number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
  <style:style style:name="ce_zh" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N_zh"/>
  <style:style style:name="ce_iso" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N_iso"/>
  <style:style style:name="ta_hidden" style:family="table"><style:table-properties table:display="false"/></style:style>
 </office:automatic-styles>
 <office:body><office:spreadsheet>%s</office:spreadsheet></office:body>
</office:document>
"""


def variants():
    v = {}

    # 1. A title row (merged across the table) and a line of who made it above the header; one bad check character.
    s = Sheet("返乡人员")
    s.row("神木市中鸡镇返乡人员登记表（湖北方向）").merge(0, 0, 1, len(HEADER))
    s.row("填报单位：中鸡镇人民政府", "", "", "", "", "", "", "", "", "", "填报日期：2020年1月26日")
    s.row(*HEADER)
    for i in range(5):
        s.row(*roster_row(1, i, destination=[VILLAGE, GROUP1, GROUP2][i % 3]))
    s.row(*roster_row(1, 5, id_value=bad_check(id_number(1, 5))))                      # row 9
    v["title-row"] = ([s], ["xlsx", "csv"])

    # 2. A two-row header: group labels over merged cells, labels merged down over both rows, "目的地" over "代码".
    s = Sheet("名单")
    groups = ["序号", "姓名", "证件信息", "", "", "手机号", "行程信息", "", "", "", "", "", "目的地", ""]
    labels = ["", "", "证件类型", "证件号码", "国籍", "", "来源地代码", "离开风险地区日期", "抵达日期", "交通方式",
              "车牌/车次/航班", "同行人员", "代码", "详细地址"]
    s.row(*groups).row(*labels)
    s.merge(0, 0, 2, 1).merge(0, 1, 2, 1).merge(0, 2, 1, 3).merge(0, 5, 2, 1).merge(0, 6, 1, 6).merge(0, 12, 1, 2)
    for i in range(6):
        row = roster_row(2, i)
        if i == 3:
            row[4] = "1381234567"                                                          # row 6: 10-digit phone
        s.row(Number(i + 1), *row)
    v["two-row-header"] = ([s], ["xlsx", "csv"])

    # 3. Three sheets with rows (the second with a title row), a notes sheet, an empty sheet and a hidden sheet.
    a = Sheet("中鸡镇").row(*HEADER)
    for i in range(4):
        a.row(*roster_row(3, i, destination=OTHER_VILLAGE if i == 2 else VILLAGE))         # row 4: outside
    b = Sheet("锦界镇").row("锦界镇返乡人员").merge(0, 0, 1, 4).row(*HEADER)
    for i in range(4, 7):
        b.row(*roster_row(3, i, arrived=None if i == 5 else "2020-01-23"))                 # row 4: no arrival date
    c = Sheet("填写说明").row("填写说明").row("1. 证件号码请设为文本格式").row("2. 抵达日期写成 2020-01-25")
    d = Sheet("Sheet4")
    e = Sheet("备份", hidden=True).row(*HEADER)
    for i in range(7, 9):
        e.row(*roster_row(3, i))
    f = Sheet("孙家岔镇").row(*HEADER).row(*roster_row(3, 9))
    v["several-sheets"] = ([a, b, c, d, e, f], ["xlsx"])

    # 4. What Chinese input methods put into IDs, phones and codes: full-width digits and x, no-break, ideographic
    #    and zero-width spaces; one full-width ID with a wrong check character.
    s = Sheet("名单").row(*HEADER)
    ids = [id_number(4, i) for i in range(7)]
    ids[5] = id_ending_in_x(4, 5)
    typed = [fullwidth(ids[0]),                                         # full-width digits
             ids[1] + "\u00A0",                                         # no-break space after (copied from a web page)
             "\u3000" + ids[2],                                         # ideographic space before
             ids[3][:6] + "\u200B" + ids[3][6:],                        # zero-width space inside
             ids[4][:6] + " " + ids[4][6:14] + " " + ids[4][14:],       # spaces between the parts
             fullwidth(ids[5][:17]) + "ｘ",                               # full-width digits and a full-width x
             fullwidth(bad_check(ids[6]))]                              # row 8: full-width and a wrong check character
    phones = [fullwidth(phone(4, 0)), phone(4, 1)[:3] + "\u00A0" + phone(4, 1)[3:7] + "\u00A0" + phone(4, 1)[7:],
              phone(4, 2) + "\u3000", "\u200B" + phone(4, 3), phone(4, 4), fullwidth("+86 " + phone(4, 5)), phone(4, 6)]
    destinations = [fullwidth(VILLAGE), VILLAGE + "\u00A0", "\u3000" + GROUP1, VILLAGE[:6] + "\u200B" + VILLAGE[6:],
                    VILLAGE, GROUP2, VILLAGE]
    for i in range(7):
        row = roster_row(4, i, id_value=typed[i], phone_value=phones[i], destination=destinations[i],
                         detail=fullwidth("陕K12345") if i == 0 else "G1234", origin=fullwidth("420102") if i == 1 else "420102")
        s.row(*row)
    v["fullwidth-spaces"] = ([s], ["xlsx", "csv"])

    # 5. Dates as a zh-CN Calc writes its short Chinese date format into CSV ("20年1月22日"); one impossible date
    #    typed as text, one arrival in the future of the fixture's rows (2020-01-22 left after arrival).
    s = Sheet("名单").row(*HEADER)
    days = ["2020-01-20", "2020-01-21", "2020-01-22", "2020-01-23", "2020-01-24", "2020-01-25", "2020-01-26"]
    for i, day in enumerate(days):
        row = roster_row(5, i, arrived=day, left="2020-01-19", date_style="zh")
        if i == 4:
            row[7] = "20年2月30日"                                                        # row 6: impossible date
        if i == 6:
            row[6] = Date("2020-01-27", "zh")                                              # row 8: left after arrival
        s.row(*row)
    v["zh-cn-dates"] = ([s], ["csv"])

    # 6. "2020年01月25号" typed as text (Calc does not take it for a date), saved by Calc as GB18030 CSV; a name
    #    outside GBK (𠮷) shows that it is GB18030, not GBK.
    s = Sheet("名单").row(*HEADER)
    spellings = ["2020年01月25号", "2020年1月22日", "2020/1/22", "2020.1.22", "20200122", "2020-1-22", "2020年1月32号"]
    for i, spelling in enumerate(spellings):
        row = roster_row(6, i, arrived=spelling, person_name="𠮷野" if i == 0 else None)
        s.row(*row)                                                                       # row 8: 1月32号
    v["hao-dates-gb18030"] = ([s], ["gb18030"])

    # 7. Good and bad rows mixed, blank rows between them, an ID number typed as a number (Calc keeps 15 digits).
    s = Sheet("名单").row(*HEADER)
    s.row(*roster_row(7, 0))                                                               # row 2: good
    s.row(*roster_row(7, 1, id_value=bad_check(id_number(7, 1))))                          # row 3: check character
    s.row()                                                                                # row 4: blank
    s.row(*roster_row(7, 2, person_name=""))                                               # row 5: no name
    s.row(*roster_row(7, 3))                                                               # row 6: good
    row = roster_row(7, 4)
    row[2] = Number(int(id_number(7, 4)[:17] + "0"))
    s.row(*row)                                                                            # row 7: ID as a number
    s.row(*roster_row(7, 5, destination="610881999999"))                                   # row 8: unknown place
    s.row(*roster_row(7, 6, arrived="2020年2月30日"))                                       # row 9: impossible date
    s.row(*roster_row(7, 7, transport="骑马"))                                              # row 10: transport
    s.row()
    s.row()
    s.row(*roster_row(7, 8))                                                               # row 13: good
    s.row(*roster_row(7, 9, phone_value="12345678901"))                                    # row 14: phone
    v["mixed"] = ([s], ["xlsx"])

    # 8. An area list (not a roster): a title row, Chinese headers, full-width and no-break-spaced codes, a second
    #    sheet with English headers, a notes sheet; a code repeated on the second sheet.
    a = Sheet("行政村").row("中鸡镇新增行政村（2020年1月）").merge(0, 0, 1, 6).row("代码", "名称", "上级代码", "类型", "户数", "人数")
    a.row(fullwidth("610881106871"), "测试一村", "610881106", "行政村", Number(120), Number(350))
    a.row("610881106872\u00A0", "测试二村", "\u3000610881106", "VILLAGE", "", "")
    g = Sheet("村民小组").row("code", "name", "parentCode", "kind", "households", "residents")
    g.row("610881106871\u200B001", "测试一村第一组", fullwidth("610881106871"), "村民小组", Number(40), Number(110))
    g.row("610881106872001", "测试二村第一组", "610881106872", "GROUP", "", "")
    g.row("610881106871", "测试一村（重复）", "610881106", "VILLAGE", "", "")                # row 4: repeated code
    n = Sheet("说明").row("代码为 9、12 或 15 位")
    v["area-sheets"] = ([a, g, n], ["xlsx"])
    return v


FILTERS = {
    "xlsx": ("xlsx", "xlsx"),
    "csv": ("csv:Text - txt - csv (StarCalc):44,34,76", "csv"),
    "gb18030": ("csv:Text - txt - csv (StarCalc):44,34,85", "csv"),
}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    work = tempfile.mkdtemp(prefix="cordon-fixtures-")
    try:
        for base, (sheets, formats) in variants().items():
            source = os.path.join(work, base + ".fods")
            with open(source, "w", encoding="utf-8") as f:
                f.write(FODS % "".join(sheet_xml(s) for s in sheets))
            for fmt in formats:
                target, extension = FILTERS[fmt]
                subprocess.run(["soffice", "--headless", "--convert-to", target, "--outdir", work, source], check=True,
                               stdout=subprocess.DEVNULL)
                shutil.copy(os.path.join(work, base + "." + extension), os.path.join(here, base + "." + extension))
                print("wrote", base + "." + extension)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
