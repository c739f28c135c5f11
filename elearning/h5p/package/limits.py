from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds checked before anything is unpacked for real; they keep one upload from filling
    memory or storage."""

    max_files: int = 2000
    max_file_bytes: int = 32 * MIB
    max_total_bytes: int = 128 * MIB
    # Ratios above this are refused for entries big enough to matter (JSON and text compress
    # well, but not 100:1 at size).
    max_ratio: int = 100
    ratio_floor_bytes: int = 1 * MIB
    max_json_bytes: int = 4 * MIB
    # Real content nests a few dozen levels (a book of pages of columns of questions); 600
    # levels made the server run out of stack.
    max_json_depth: int = 128


def human_size(size: int) -> str:
    if size >= MIB:
        return f"{size / MIB:.0f} MB"
    return f"{size / 1024:.0f} KB"
