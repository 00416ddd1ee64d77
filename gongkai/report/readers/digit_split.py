"""Splitting runs of digits back into table cells, and solving tables across rows.

A web page copied as text loses the borders between cells: the row 64|0|0|2|0|4|70 arrives
as ``640020470``. This module enumerates the ways a run can be cut into a row's cells and
keeps only those that satisfy what the format says about the row (numbers have no leading
zeros; a total is the sum of its parts), then narrows the candidates of table 三 further
with the column relations between rows. Nothing here guesses: the caller gets every
surviving candidate and decides per cell whether they agree.

Plain Python, no knowledge of labels: rows and roles come from the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from gongkai.statute.structure import Unit

MAX_CANDIDATES = 400  # per row; beyond this the row is reported instead of solved
MAX_STEPS = 50_000  # enumeration steps per row: keeps pathological input from exploding
MAX_STATES = 20_000  # partial column sums kept while solving table 三 across rows
MAX_CELL_DIGITS = 12  # no count or amount in an annual report comes near 10^12

_COUNT = re.compile(r"0|[1-9]\d*")
_DECIMAL = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")
_SIGNED = re.compile(r"[+\-−]?(?:0|[1-9]\d*)")

Vec = tuple[int, ...]


class TooManyCandidates(Exception):
    """The run admits more splits than we are willing to enumerate."""


@dataclass(frozen=True)
class Run:
    """A run of number characters as found: digits, '.', signs; whitespace removed.

    ``breaks`` are positions where the source had white space, so a cut there is certain;
    ``offsets`` maps each character to its offset in the source text.
    """

    text: str
    breaks: frozenset[int] = frozenset()
    offsets: tuple[int, ...] = ()

    @property
    def digits(self) -> int:
        return sum(ch.isdigit() for ch in self.text)


def _valid(part: str, unit: Unit) -> bool:
    if len(part.lstrip("+-−").replace(".", "")) > MAX_CELL_DIGITS:
        return False
    if unit is Unit.SIGNED:
        return bool(_SIGNED.fullmatch(part))
    if unit in (Unit.WANYUAN, Unit.AMOUNT):
        return bool(_DECIMAL.fullmatch(part))
    return bool(_COUNT.fullmatch(part))


@dataclass
class _Search:
    run: Run
    units: Sequence[Unit]
    groups: Sequence[int]
    limit: int
    out: list[tuple[str, ...]] = field(default_factory=list)
    steps: int = 0
    next_break: list[int] = field(default_factory=list)
    digits_until: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        n = len(self.run.text)
        # digits_until[p]: end of the run of plain digits starting at p.
        self.digits_until = [n] * (n + 1)
        for p in range(n - 1, -1, -1):
            self.digits_until[p] = self.digits_until[p + 1] if self.run.text[p].isdigit() else p
        # next_break[p]: the first forced cut after p; a part starting at p may not pass it.
        self.next_break = [n] * (n + 1)
        following = n
        for p in range(n - 1, -1, -1):
            if p + 1 in self.run.breaks:
                following = p + 1
            self.next_break[p] = following

    def tick(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TooManyCandidates

    def emit(self, parts: list[str]) -> None:
        self.out.append(tuple(parts))
        if len(self.out) > self.limit:
            raise TooManyCandidates

    def part_ok(self, start: int, end: int, cell: int) -> bool:
        if end > self.next_break[start]:
            return False
        if self.units[cell] is Unit.COUNT:
            # The common case, without slicing: digits only, no leading zero, not too long.
            return (end <= self.digits_until[start] and end - start <= MAX_CELL_DIGITS
                    and (end - start == 1 or self.run.text[start] != "0"))
        return _valid(self.run.text[start:end], self.units[cell])

    def group(self, gi: int, cell: int, pos: int, parts: list[str]) -> None:
        self.tick()
        n = len(self.run.text)
        if gi == len(self.groups):
            if pos == n:
                self.emit(parts)
            return
        size = self.groups[gi]
        after = sum(self.groups[gi + 1 :])
        if size == 1:
            for end in range(pos + 1, n - after + 1):
                if end > self.next_break[pos]:
                    break
                if self.part_ok(pos, end, cell):
                    self.group(gi + 1, cell + 1, end, [*parts, self.run.text[pos:end]])
            return
        if gi == len(self.groups) - 1:
            self.last_group(cell, pos, size, parts)
        else:
            self.addends(gi, cell, pos, size - 1, 0, parts, after)

    def addends(self, gi: int, cell: int, pos: int, left: int, total: int, parts: list[str], after: int) -> None:
        """Place the remaining ``left`` addends of a sum group, then check that the total
        written next is their sum: the total is not enumerated, it is read."""
        self.tick()
        n = len(self.run.text)
        if left == 0:
            written = str(total)
            end = pos + len(written)
            if self.run.text.startswith(written, pos) and end + after <= n and self.part_ok(pos, end, cell):
                self.group(gi + 1, cell + 1, end, [*parts, written])
            return
        for end in range(pos + 1, n + 1):
            length = end - pos
            # Room for the other addends, and for a total at least as long as this addend.
            if end + (left - 1) + max(length, len(str(total))) + after > n or end > self.next_break[pos]:
                break
            if self.part_ok(pos, end, cell):
                value = int(self.run.text[pos:end])
                self.addends(gi, cell + 1, end, left - 1, total + value, [*parts, self.run.text[pos:end]], after)
            if self.run.text[pos] == "0":
                break  # a leading zero: only "0" itself is a number

    def last_group(self, cell: int, pos: int, size: int, parts: list[str]) -> None:
        """The last sum group ends the run, so its total is a suffix. For each suffix, the
        addends are found meet-in-the-middle: the first half placed forwards from ``pos``,
        the second half backwards from the total, joined where they meet with the right sum.
        That keeps a long row to a few hundred steps instead of every composition."""
        n = len(self.run.text)
        addends = size - 1
        last = cell + addends
        for length in range(1, min(MAX_CELL_DIGITS, n - pos - addends) + 1):
            start = n - length
            room = start - pos
            if room > addends * length or not self.part_ok(start, n, last):
                continue
            target = int(self.run.text[start:])
            front = addends // 2
            back = addends - front
            heads = self.forward(pos, start - back, front, cell, length, target)
            tails = self.backward(start, pos + front, back, cell + addends - 1, length, target)
            for middle, firsts in heads.items():
                by_sum: dict[int, list[tuple[str, ...]]] = {}
                for total, seconds in tails.get(middle, ()):
                    by_sum.setdefault(total, []).append(seconds)
                for total, first in firsts:
                    for second in by_sum.get(target - total, ()):
                        self.emit([*parts, *first, *second, self.run.text[start:]])

    def forward(self, pos: int, limit: int, count: int, cell: int, width: int,
                target: int) -> dict[int, list[tuple[int, tuple[str, ...]]]]:
        """Every placement of ``count`` addends from ``pos`` ending at or before ``limit``:
        end position -> [(sum, parts)]."""
        found: dict[int, list[tuple[int, tuple[str, ...]]]] = {}

        def place(at: int, left: int, total: int, parts: tuple[str, ...]) -> None:
            self.tick()
            if left == 0:
                found.setdefault(at, []).append((total, parts))
                return
            for end in range(at + 1, min(limit - (left - 1), at + width) + 1):
                if not self.part_ok(at, end, cell + len(parts)):
                    if end > self.next_break[at] or self.run.text[at] == "0":
                        break
                    continue
                value = int(self.run.text[at:end])
                if total + value > target:
                    break
                place(end, left - 1, total + value, (*parts, self.run.text[at:end]))
                if self.run.text[at] == "0":
                    break

        place(pos, count, 0, ())
        return found

    def backward(self, stop: int, limit: int, count: int, cell: int, width: int,
                 target: int) -> dict[int, list[tuple[int, tuple[str, ...]]]]:
        """Every placement of ``count`` addends ending at ``stop`` and starting at or after
        ``limit``: start position -> [(sum, parts)]; ``cell`` is the last addend's cell."""
        found: dict[int, list[tuple[int, tuple[str, ...]]]] = {}

        def place(at: int, left: int, total: int, parts: tuple[str, ...]) -> None:
            self.tick()
            if left == 0:
                found.setdefault(at, []).append((total, parts))
                return
            for begin in range(at - 1, max(limit + (left - 1), at - width) - 1, -1):
                if not self.part_ok(begin, at, cell - len(parts)):
                    continue
                value = int(self.run.text[begin:at])
                if total + value > target:
                    break
                place(begin, left - 1, total + value, (self.run.text[begin:at], *parts))

        place(stop, count, 0, ())
        return found


def split_run(run: Run, units: Sequence[Unit], groups: Sequence[int] | None = None,
              limit: int = MAX_CANDIDATES) -> list[tuple[str, ...]]:
    """Every way to cut ``run`` into ``len(units)`` valid cells.

    ``groups`` partitions the cells into consecutive groups; in a group of two or more
    cells the last is the sum of the others (table 三: one group of 7; table 四: three of
    5). Groups of one are unconstrained. Raises ``TooManyCandidates`` past ``limit``.
    """
    groups = tuple(groups) if groups else (1,) * len(units)
    if sum(groups) != len(units):
        raise ValueError("groups must cover the cells")
    return list(_split(run.text, run.breaks, tuple(units), groups, limit))


@lru_cache(maxsize=4096)
def _split(text: str, breaks: frozenset[int], units: tuple[Unit, ...], groups: tuple[int, ...],
           limit: int) -> tuple[tuple[str, ...], ...]:
    # Memoised on what the search depends on (not on the run's offsets): rows of zeros
    # and other short runs recur in report after report.
    run = Run(text, breaks)
    if not run.text or run.digits < len(units) or len(run.text) > MAX_CELL_DIGITS * len(units) + len(units):
        if run.text and run.digits >= len(units):
            raise TooManyCandidates
        return ()
    search = _Search(run, units, groups, limit)
    search.group(0, 0, 0, [])
    return tuple(search.out)


# --- table 三 across rows ----------------------------------------------------------------

NEW, CARRIED_IN, TOTAL, CARRIED_OUT, OUTCOME, OTHER = "new", "carried_in", "total", "carried_out", "outcome", "other"


@dataclass
class Solution:
    supported: list[list[Vec] | None]  # per row: the candidates that occur in some solution
    used_sums: bool  # （七）总计 = Σ outcome rows, per column
    used_balance: bool  # 一 + 二 = （七） + 四, per column


def _packer(cands: list[list[Vec] | None], width: int) -> Callable[[Vec], int]:
    """A map from a table's vectors to single integers, x -> Σ x[i]·2^(bits·i), so that the
    solver adds and compares one integer where it would add and compare tuples.

    The map is linear, so sums and differences carry over exactly; and it is one-to-one on
    vectors whose components are below 2^(bits-1) in magnitude, so that two sums compare
    equal as integers exactly when they are equal as vectors. Every comparison the solver
    makes is between sums and differences of at most one candidate per row plus two, hence
    the bound on ``bits``.
    """
    largest = max((abs(x) for c in cands if c for v in c for x in v), default=0)
    bits = ((2 * len(cands) + 4) * max(largest, 1)).bit_length() + 2
    factors = tuple(1 << (bits * i) for i in range(width))
    return lambda v: sum(x * f for x, f in zip(v, factors, strict=True))


def _prefix_sums(rows: list[list[int]]) -> list[set[int]]:
    sums: list[set[int]] = [{0}]
    for cands in rows:
        nxt = {s + v for s in sums[-1] for v in cands}
        if len(nxt) > MAX_STATES:
            raise TooManyCandidates
        sums.append(nxt)
    return sums


def _support(cands: list[list[Vec] | None], keys: list[list[int] | None], roles: Sequence[str], use_sums: bool,
             use_balance: bool) -> list[list[Vec] | None] | None:
    """Candidates of each row that take part in at least one assignment satisfying the
    chosen column relations; None when no assignment does. ``keys`` are the candidates
    packed to integers (``_packer``), in the same order."""
    index = {role: roles.index(role) for role in (NEW, CARRIED_IN, TOTAL, CARRIED_OUT) if role in roles}
    outcomes = [i for i, role in enumerate(roles) if role == OUTCOME]
    result: list[list[Vec] | None] = [list(c) if c is not None else None for c in cands]

    def pairs(row: int) -> list[tuple[Vec, int]]:
        return list(zip(cands[row] or [], keys[row] or [], strict=True))

    totals = pairs(index[TOTAL]) if TOTAL in index else []
    forward: list[set[int]] = []
    backward: list[set[int]] = []
    if use_sums:
        rows = [keys[i] or [] for i in outcomes]
        forward = _prefix_sums(rows)
        backward = _prefix_sums(rows[::-1])[::-1]
        totals = [(t, key) for t, key in totals if key in forward[-1]]
    if use_balance:
        new, carried_in, carried_out = (pairs(index[r]) for r in (NEW, CARRIED_IN, CARRIED_OUT))
        inflow: dict[int, list[tuple[Vec, Vec]]] = {}
        for n, key_n in new:
            for i, key_i in carried_in:
                inflow.setdefault(key_n + key_i, []).append((n, i))
        keep_n: set[Vec] = set()
        keep_i: set[Vec] = set()
        keep_t: set[Vec] = set()
        keep_o: set[Vec] = set()
        for t, key_t in totals:
            for o, key_o in carried_out:
                matched = inflow.get(key_t + key_o)
                if matched:
                    keep_t.add(t)
                    keep_o.add(o)
                    for n, i in matched:
                        keep_n.add(n)
                        keep_i.add(i)
        result[index[NEW]] = [v for v, _ in new if v in keep_n]
        result[index[CARRIED_IN]] = [v for v, _ in carried_in if v in keep_i]
        result[index[CARRIED_OUT]] = [v for v, _ in carried_out if v in keep_o]
        totals = [(t, key) for t, key in totals if t in keep_t]
    if TOTAL in index and (use_sums or use_balance):
        result[index[TOTAL]] = [t for t, _ in totals]
        if not totals:
            return None
    if use_sums:
        for j, row in enumerate(outcomes):
            needs = {key_t - f for _, key_t in totals for f in forward[j]}
            after = backward[j + 1]
            result[row] = [v for v, key in pairs(row) if any(need - key in after for need in needs)]
    return result


def solve_table_3(cands: list[list[Vec] | None], roles: Sequence[str], width: int,
                  sums_possible: bool = True) -> Solution:
    """Narrow each row's candidates with the column relations of table 三.

    ``cands[i]`` are the candidates of row i that satisfy the row's own total (None: the
    row could not be split and takes no part); ``roles[i]`` says what the row is. Tries
    both relations, then each alone, then none: a report whose figures are themselves
    inconsistent still gets the rows that are certain on their own.
    """
    present = {role: [i for i, r in enumerate(roles) if r == role] for role in (NEW, CARRIED_IN, TOTAL, CARRIED_OUT)}
    usable = {role: len(rows) == 1 and cands[rows[0]] is not None for role, rows in present.items()}
    outcomes = [i for i, r in enumerate(roles) if r == OUTCOME]
    can_sum = (sums_possible and usable[TOTAL] and bool(outcomes)
               and all(cands[i] is not None for i in outcomes))
    can_balance = all(usable.values())
    attempts = [(s, b) for s, b in ((True, True), (True, False), (False, True)) if (can_sum or not s)
                and (can_balance or not b)]
    pack = _packer(cands, width)
    keys = [[pack(v) for v in c] if c is not None else None for c in cands]
    for use_sums, use_balance in attempts:
        try:
            found = _support(cands, keys, roles, use_sums, use_balance)
        except TooManyCandidates:
            continue
        if found is not None and all(f is None or f for f in found):
            return Solution(found, use_sums, use_balance)
    return Solution([list(c) if c is not None else None for c in cands], False, False)
