"""Reading Pagefind's own index files (gzip + CBOR), for the first word of each index chunk."""

from __future__ import annotations

import os

from .errors import fail


def chunk_first_words(output: str) -> list[str]:
    meta_files = [n for n in os.listdir(output) if n.endswith(".pf_meta")]
    if len(meta_files) != 1:
        raise fail("Pagefind 的索引元数据缺失", "Pagefind's index metadata is missing")
    meta = decode(pagefind_file(os.path.join(output, meta_files[0])))
    words = []
    for chunk in meta[2]:  # MetaIndex.index_chunks: [from, to, hash]
        data = pagefind_file(os.path.join(output, "index", f"{chunk[2]}.pf_index"))
        i = 0
        for _ in range(3):  # WordIndex [words [PackedWord [word, …] …]]
            major, _, i = _cbor_head(data, i)
            if major != 4:
                raise fail("无法读取 Pagefind 的索引", "unexpected Pagefind index format")
        words.append(_cbor_item(data, i)[0])
    return words


def pagefind_file(path: str) -> bytes:
    import gzip

    with open(path, "rb") as fh:
        data = fh.read()
    if not data.startswith(b"pagefind_dcd"):
        data = gzip.decompress(data)
    if not data.startswith(b"pagefind_dcd"):
        raise fail("无法读取 Pagefind 的索引", f"unexpected Pagefind file {path}")
    return data[12:]


def _cbor_head(data: bytes, i: int) -> tuple[int, int, int]:
    major, info = data[i] >> 5, data[i] & 31
    i += 1
    if info < 24:
        return major, info, i
    size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
    return major, int.from_bytes(data[i:i + size], "big"), i + size


def _cbor_item(data: bytes, i: int):
    """The CBOR item at i (the definite-length subset minicbor writes) and the next position."""
    major, value, i = _cbor_head(data, i)
    if major == 0:
        return value, i
    if major == 1:
        return -1 - value, i
    if major in (2, 3):
        raw = data[i:i + value]
        return (raw.decode("utf-8") if major == 3 else raw), i + value
    if major == 4:
        items = []
        for _ in range(value):
            item, i = _cbor_item(data, i)
            items.append(item)
        return items, i
    if major == 5:
        mapping = {}
        for _ in range(value):
            key, i = _cbor_item(data, i)
            mapping[key], i = _cbor_item(data, i)
        return mapping, i
    if major == 6:
        return _cbor_item(data, i)
    return {20: False, 21: True, 22: None}.get(value), i


def decode(data: bytes):
    return _cbor_item(data, 0)[0]
