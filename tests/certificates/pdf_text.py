"""Plain text of a WeasyPrint PDF, for tests (no pypdf or pdftotext on the machine).

WeasyPrint writes text as glyph ids (`[<0025>0<0052>] TJ` after `/FONT size Tf`) and gives each
font a ToUnicode CMap; objects may sit in compressed object streams. This reads just that much
of the format: every object, each font's CMap, then the text operators of the page streams.
Text shown by one TJ/Tj operator stays together; operators are joined with a newline."""

import re
import zlib

_OBJECT_START = re.compile(rb"(\d+) 0 obj")
_LENGTH = re.compile(rb"/Length (\d+)(?! \d+ R)")
_REF = re.compile(rb"/([A-Za-z0-9_.+-]+) (\d+) 0 R")
_TEXT_OP = re.compile(rb"/([A-Za-z0-9_.+-]+) [\d.]+ Tf|(\[(?:[^\]]*)\]) TJ|<([0-9a-fA-F]*)> Tj")


def _objects(pdf):
    """{object number: (dictionary bytes, decoded stream bytes or None)}.

    Streams are cut by their /Length, not by searching for "endstream": compressed bytes may
    happen to hold that word (or "endobj"), which truncated a stream now and then."""
    found = {}
    position = 0
    while (match := _OBJECT_START.search(pdf, position)) is not None:
        number, start = int(match.group(1)), match.end()
        stream_at, end = pdf.find(b"stream", start), pdf.find(b"endobj", start)
        if end == -1:
            break  # a damaged tail: what was read so far is all there is
        if stream_at == -1 or (end != -1 and end < stream_at):
            found[number] = (pdf[start:end], None)
            position = end + len(b"endobj")
            continue
        head = pdf[start:stream_at]
        data_start = stream_at + len(b"stream")
        data_start += 2 if pdf[data_start : data_start + 2] == b"\r\n" else 1
        length = _LENGTH.search(head)
        if length:
            data_end = data_start + int(length.group(1))
        else:
            data_end = pdf.find(b"endstream", data_start)
        data = pdf[data_start:data_end]
        position = max(pdf.find(b"endobj", data_end), data_end) + len(b"endobj")
        if b"/FlateDecode" in head:
            data = zlib.decompress(data)
        found[number] = (head, data)
        if b"/ObjStm" in head:
            first = int(re.search(rb"/First (\d+)", head).group(1))
            numbers = [int(n) for n in data[:first].split()]
            pairs = list(zip(numbers[::2], numbers[1::2], strict=True))
            for i, (inner, offset) in enumerate(pairs):
                end = pairs[i + 1][1] if i + 1 < len(pairs) else len(data) - first
                found[inner] = (data[first + offset : first + end], None)
    return found


def _cmap(data):
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            mapping[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, dst in re.findall(
            rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
        ):
            start = int(dst, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = chr(start + offset)
    return mapping


def pdf_text(pdf):
    objects = _objects(pdf)
    to_unicode = {}
    for number, (head, _data) in objects.items():
        match = re.search(rb"/ToUnicode (\d+) 0 R", head)
        if match:
            to_unicode[number] = _cmap(objects[int(match.group(1))][1] or b"")
    fonts = {}
    for head, _data in objects.values():
        # Font resources (`/XKQQSR 12 0 R`), wherever the resource dictionary sits.
        for name, number in _REF.findall(head):
            if int(number) in to_unicode:
                fonts[name] = to_unicode[int(number)]
    lines = []
    for _head, data in objects.values():
        if not data or b"BT" not in data:
            continue
        font = {}
        for match in _TEXT_OP.finditer(data):
            name, array, single = match.groups()
            if name is not None:
                font = fonts.get(name, {})
                continue
            hexes = re.findall(rb"<([0-9a-fA-F]*)>", array) if array else [single]
            text = ""
            for chunk in hexes:
                chunk = chunk.decode()
                for i in range(0, len(chunk), 4):
                    text += font.get(int(chunk[i : i + 4], 16), "")
            lines.append(text)
    return "\n".join(lines)


def pdf_words(pdf):
    """The text with every run of whitespace (line breaks included) as one space."""
    return " ".join(pdf_text(pdf).split())
