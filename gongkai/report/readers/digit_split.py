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
from itertools import chain, combinations
from operator import mul

from gongkai.statute.structure import Unit

MAX_CANDIDATES = 400  # per row; beyond this the row is reported instead of solved
MAX_STEPS = 50_000  # enumeration steps per row: keeps pathological input from exploding
MAX_STATES = 20_000  # partial column sums kept while solving table 三 across rows
NARROW_ABOVE = 256  # combinations of table 三 candidates beyond which bounds narrow them first (<= MAX_STATES)
MAX_CELL_DIGITS = 12  # no count or amount in an annual report comes near 10^12
BITSET_LIMIT = 1 << 16  # totals below this keep their reachable sums as the bits of an int

_COUNT = re.compile(r"0|[1-9]\d*")
_DECIMAL = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")
_SIGNED = re.compile(r"[+\-−]?(?:0|[1-9]\d*)")

Vec = tuple[int, ...]
Sums = int | set[int]  # reachable sums: the bits of an int, or a set for large totals


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
        if self.text.isdigit():
            return len(self.text)
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
    count_parts: list[list[tuple[int, int]] | None] | None = None  # per position, filled on demand
    widest: int = 0  # the longest part ``count_parts`` holds

    def __post_init__(self) -> None:
        n = len(self.run.text)
        if not self.run.breaks and self.run.text.isdigit():  # the common case: one plain run of digits
            self.digits_until = self.next_break = [n] * (n + 1)
            return
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

    def counts_from(self, at: int) -> list[tuple[int, int]]:
        """The counts a part starting at ``at`` can be, as (end, value), shortest first."""
        found = self.count_parts[at]
        if found is None:
            text = self.run.text
            if text[at] == "0":
                found = [(at + 1, 0)]
            else:
                stop = min(self.digits_until[at], self.next_break[at], at + self.widest)
                found = [(end, int(text[at:end])) for end in range(at + 1, stop + 1)]
            self.count_parts[at] = found
        return found

    def last_group(self, cell: int, pos: int, size: int, parts: list[str]) -> None:
        """The last sum group ends the run, so its total is a suffix. A suffix can only be
        the total if it agrees with the addends' digits modulo 9 (a number is congruent to
        its digit sum, however the digits are cut). For each suffix left, one forward pass
        records the sums the addends can reach at each position (no addend longer than the
        total, no sum beyond it, room left for the others), and a walk back from the total
        follows only the placements that reach it exactly. The parts a position allows are
        worked out once and shared by every suffix."""
        text = self.run.text
        n = len(text)
        if self.digits_until[pos] < n:
            return  # a sign or a decimal point: the cells of a sum group are counts
        residue = [0]
        for ch in text[pos:]:
            residue.append((residue[-1] + ord(ch) - 48) % 9)
        addends = size - 1
        totals = []
        for length in range(1, min(MAX_CELL_DIGITS, n - pos - addends) + 1):
            start = n - length
            if start - pos > addends * length or (length > 1 and text[start] == "0") or self.next_break[start] < n:
                continue  # room for the addends; no leading zero; no forced cut inside the total
            target = int(text[start:])
            # The addends can reach the total only if their digit sums agree modulo 9, and
            # if it is not beyond ``addends`` parts of the longest length they can have.
            longest = min(length, start - pos - addends + 1)
            if target % 9 == residue[start - pos] and target < addends * 10**longest:
                totals.append((length, start, target))
        if not totals:
            return
        # No addend is longer than its total: the parts need not be longer than the longest
        # total. A later group (table 四) that needs longer parts starts the cache afresh.
        if self.count_parts is None or totals[-1][0] > self.widest:
            self.count_parts = [None] * n
            self.widest = totals[-1][0]
        for length, start, target in totals:
            layers = self.reach(pos, start, addends, length, target)
            if layers is None:
                continue
            total = text[start:]
            for found in self.walk_back(layers, pos, start, addends, length, target):
                self.emit([*parts, *found, total])

    def reach(self, pos: int, stop: int, count: int, width: int, target: int) -> list[dict[int, Sums]] | None:
        """``layers[k][p]``: the sums of k addends placed from ``pos`` and ending at p, for
        placements the remaining addends can still complete up to ``stop``; None when no
        placement of all ``count`` addends sums to ``target``. Sums up to ``BITSET_LIMIT``
        are kept as the bits of one integer, so that adding a part to every sum at once is
        a shift; larger ones as sets."""
        if target >= BITSET_LIMIT:
            return self.reach_sets(pos, stop, count, width, target)
        full = (2 << target) - 1  # the sums 0..target
        count_parts = self.count_parts
        assert count_parts is not None
        layers: list[dict[int, Sums]] = [{pos: 1}]
        for k in range(1, count + 1):
            left = count - k
            low = stop - left * width  # the others cover at most left * width digits
            high = stop - left  # and at least one digit each
            layer: dict[int, int] = {}
            work = 0
            for at, sums in layers[-1].items():
                smallest = (sums & -sums).bit_length() - 1  # type: ignore[operator]
                limit = min(at + width, high)
                for end, value in count_parts[at] or self.counts_from(at):
                    if end > limit or value + smallest > target:
                        break  # longer parts are larger still
                    if end < low:
                        continue
                    work += 1
                    layer[end] = layer.get(end, 0) | ((sums << value) & full)  # type: ignore[operator]
            self.steps += work + 1
            if self.steps > MAX_STEPS:
                raise TooManyCandidates
            if not layer:
                return None
            layers.append(layer)  # type: ignore[arg-type]
        if not (layers[count].get(stop, 0) >> target) & 1:  # type: ignore[operator]
            return None
        return layers

    def reach_sets(self, pos: int, stop: int, count: int, width: int,
                   target: int) -> list[dict[int, Sums]] | None:
        """``reach`` for totals too large for bit sets: the same walk over sets of sums."""
        count_parts = self.count_parts
        assert count_parts is not None
        layers: list[dict[int, Sums]] = [{pos: {0}}]
        for k in range(1, count + 1):
            left = count - k
            low = stop - left * width
            high = stop - left
            layer: dict[int, set[int]] = {}
            work = 0
            for at, sums in layers[-1].items():
                smallest = min(sums)  # type: ignore[type-var]
                limit = min(at + width, high)
                for end, value in count_parts[at] or self.counts_from(at):
                    if end > limit or value + smallest > target:
                        break
                    if end < low:
                        continue
                    bound = target - value
                    work += len(sums)  # type: ignore[arg-type]
                    reached = {s + value for s in sums if s <= bound}  # type: ignore[union-attr]
                    into = layer.get(end)
                    if into is None:
                        layer[end] = reached
                    else:
                        into |= reached
            self.steps += work + 1
            if self.steps > MAX_STEPS:
                raise TooManyCandidates
            if not layer:
                return None
            layers.append(layer)  # type: ignore[arg-type]
        if target not in layers[count].get(stop, ()):  # type: ignore[operator]
            return None
        return layers

    def walk_back(self, layers: list[dict[int, Sums]], pos: int, stop: int, count: int, width: int,
                  target: int) -> list[tuple[str, ...]]:
        """Every placement of ``count`` addends from ``pos`` to ``stop`` summing to ``target``,
        read back from the layers of ``reach``: a part is taken only when the rest of the
        sum is reachable before it, so no branch is a dead end."""
        text = self.run.text
        found: list[tuple[str, ...]] = []
        bits = target < BITSET_LIMIT

        def back(k: int, end: int, need: int, tail: tuple[str, ...]) -> None:
            if k == 0:
                found.append(tail)
                return
            before = layers[k - 1]
            for begin in range(end - 1, max(pos, end - width) - 1, -1):
                sums = before.get(begin)
                if sums is None:
                    continue
                options = self.counts_from(begin)  # shortest first: the part [begin, end) is at end - begin - 1
                if end - begin > len(options):
                    continue
                rest = need - options[end - begin - 1][1]
                if rest >= 0 and ((sums >> rest) & 1 if bits else rest in sums):  # type: ignore[operator]
                    back(k - 1, begin, rest, (text[begin:end], *tail))

        back(count, stop, target, ())
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
    # Short runs of one sum group (table 三's rows: seldom more than two digits a cell)
    # have a cheaper exact search; longer ones keep the forward pass, which never backtracks.
    if (len(groups) == 1 and 1 < len(units) and len(text) <= 2 * len(units) - 2 and not breaks
            and text.isdigit() and all(u is Unit.COUNT for u in units)):
        found = _sum_row(text, len(units) - 1, limit)
        if found is not None:
            return found
    # A few free counts (table 二's rows): every cut that leaves valid numbers.
    if (1 < len(units) <= 3 and len(groups) == len(units) and not breaks and text.isdigit()
            and all(u is Unit.COUNT for u in units)):
        return _free_row(text, len(units), limit)
    search = _Search(run, units, groups, limit)
    search.group(0, 0, 0, [])
    return tuple(search.out)


def _sum_row(text: str, addends: int, limit: int) -> tuple[tuple[str, ...], ...] | None:
    """The splits of a plain run of digits into ``addends`` counts and their total: table
    三's rows, most of what a flattened report holds.

    The same candidates, in the same order, as ``_Search.last_group``, found by a direct
    search from the right instead of its forward pass of reachable sums, which costs more
    than it saves on the short runs of real rows. Each total's addends are placed last one
    first, shortest first, as ``walk_back`` emits them. A part is taken only if what is left
    of the total can still be the sum of the digits before it: at least their digit sum,
    and equal to it modulo 9 (a number is congruent to its digit sum, however the digits
    are cut). With totals below ``BITSET_LIMIT`` the forward pass stays far below
    ``MAX_STEPS`` for any run ``_split`` admits, so only the candidate limit applies;
    larger totals return None and take the general search, with its step accounting.
    """
    n = len(text)
    digit_sum = [0] * (n + 1)  # digit_sum[i]: the digit sum of text[:i]
    acc = 0
    for i, ch in enumerate(text, 1):
        acc += ord(ch) - 48
        digit_sum[i] = acc
    totals = []
    for length in range(1, min(MAX_CELL_DIGITS, n - addends) + 1):
        start = n - length
        if start > addends * length or (length > 1 and text[start] == "0"):
            continue
        target = int(text[start:])
        longest = min(length, start - addends + 1)  # the longest an addend can be
        if target >= digit_sum[start] and (target - digit_sum[start]) % 9 == 0 and target < addends * 10**longest:
            if target >= BITSET_LIMIT:
                return None
            totals.append((length, start, target))
    out: list[tuple[str, ...]] = []
    for width, start, target in totals:
        total = text[start:]
        if start == addends:  # one digit each: the only placement
            if digit_sum[start] == target:
                out.append((*text[:start], total))
                if len(out) > limit:
                    raise TooManyCandidates
            continue

        def place(k: int, end: int, need: int, tail: tuple[str, ...], width: int = width,
                  total: str = total) -> None:
            # k addends remain to cover text[:end] and sum to need; tail holds the ones placed.
            # need keeps the digit sum's residue modulo 9 all the way down (a part takes its
            # own digits' residue), so only the digit-sum bound can stop a placement early.
            if k == 1:
                if end <= width and (end == 1 or text[0] != "0") and int(text[:end]) == need:
                    out.append((text[:end], *tail, total))
                    if len(out) > limit:
                        raise TooManyCandidates
                return
            # The other k - 1 addends need at least one digit each and at most ``width``.
            for length in range(max(1, end - (k - 1) * width), min(width, end - k + 1) + 1):
                begin = end - length
                if length > 1 and text[begin] == "0":
                    continue
                part = text[begin:end]
                rest = need - int(part)
                if rest < 0:
                    break  # a longer part ending here is larger still
                if k == 2:  # the first addend is what is left: text[:begin] (begin <= width here)
                    if (begin == 1 or text[0] != "0") and int(text[:begin]) == rest:
                        out.append((text[:begin], part, *tail, total))
                        if len(out) > limit:
                            raise TooManyCandidates
                elif rest >= digit_sum[begin]:
                    place(k - 1, begin, rest, (part, *tail))

        place(addends, start, target, ())
    return tuple(out)


def _free_row(text: str, cells: int, limit: int) -> tuple[tuple[str, ...], ...]:
    """The splits of a plain run of digits into a few unconstrained counts, in the order
    of ``_Search.group`` (cut positions in lexicographic order). With at most three cells
    the search's steps stay far below ``MAX_STEPS`` for any run ``_split`` admits, so
    only the candidate limit applies."""
    n = len(text)
    out: list[tuple[str, ...]] = []
    for cuts in combinations(range(1, n), cells - 1):
        parts = []
        begin = 0
        for end in (*cuts, n):
            if end - begin > MAX_CELL_DIGITS or (end - begin > 1 and text[begin] == "0"):
                break
            parts.append(text[begin:end])
            begin = end
        else:
            out.append(tuple(parts))
            if len(out) > limit:
                raise TooManyCandidates
    return tuple(out)


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
    largest = max(map(abs, chain.from_iterable(chain.from_iterable(c for c in cands if c))), default=0)
    bits = ((2 * len(cands) + 4) * max(largest, 1)).bit_length() + 2
    factors = tuple(1 << (bits * i) for i in range(width))

    def pack(v: Vec) -> int:
        if len(v) != width:
            raise ValueError("vector width")
        return sum(map(mul, v, factors))

    return pack


def _prefix_sums(rows: list[list[int]]) -> list[set[int]]:
    sums: list[set[int]] = [{0}]
    for cands in rows:
        nxt = {s + v for s in sums[-1] for v in cands}
        if len(nxt) > MAX_STATES:
            raise TooManyCandidates
        sums.append(nxt)
    return sums


def _narrow_by_bounds(cands: list[list[Vec] | None], keys: list[list[int] | None], outcomes: list[int],
                      total: int) -> tuple[list[list[Vec] | None], list[list[int] | None]]:
    """Drop the candidates that cannot take part in （七）总计 = Σ outcome rows because of
    each column's bounds alone: a row's value must leave a total that the other rows can
    reach between their smallest and largest values. Repeated while it removes something.
    It only removes what no solution uses, so the exact search after it finds the same
    support, over far fewer combinations."""
    rows = [*outcomes, total]
    if not all(cands[i] for i in rows):
        return cands, keys  # an empty row: the exact search says there is no solution
    combinations = 1
    for i in rows:
        combinations *= len(cands[i])  # type: ignore[arg-type]
    if combinations <= NARROW_ABOVE:
        return cands, keys  # the exact search is cheaper than narrowing
    cands, keys = list(cands), list(keys)

    def bounds(i: int) -> tuple[list[int], list[int]]:
        columns = list(zip(*cands[i], strict=True))  # type: ignore[misc]
        return [min(c) for c in columns], [max(c) for c in columns]

    low: dict[int, list[int]] = {}
    high: dict[int, list[int]] = {}
    for i in rows:
        row = cands[i]
        if len(row) == 1:  # type: ignore[arg-type]
            low[i] = high[i] = list(row[0])  # type: ignore[index]
        else:
            low[i], high[i] = bounds(i)
    # Rows of one candidate never change: add them up once.
    varying = [i for i in outcomes if len(cands[i]) > 1]  # type: ignore[arg-type]
    fixed = [0] * len(low[total])
    for i in outcomes:
        if len(cands[i]) == 1:  # type: ignore[arg-type]
            fixed = [a + b for a, b in zip(fixed, low[i], strict=True)]
    changed = True
    while changed:
        changed = False
        sum_low, sum_high = fixed, fixed
        for i in varying:
            sum_low = [a + b for a, b in zip(sum_low, low[i], strict=True)]
            sum_high = [a + b for a, b in zip(sum_high, high[i], strict=True)]
        for i in rows:
            row = cands[i]
            assert row is not None
            if len(row) == 1:
                continue
            if i == total:
                lowest, highest = sum_low, sum_high
            else:
                # v[c] + (the other rows) = total[c], the other rows within their bounds.
                lowest = [t - (s - h) for t, s, h in zip(low[total], sum_high, high[i], strict=True)]
                highest = [t - (s - lo) for t, s, lo in zip(high[total], sum_low, low[i], strict=True)]
            if all(a <= x for a, x in zip(lowest, low[i], strict=True)) and all(
                    x <= b for x, b in zip(high[i], highest, strict=True)):
                continue  # every candidate lies within the bounds
            fits = [all(a <= x <= b for a, x, b in zip(lowest, v, highest, strict=True)) for v in row]
            if not all(fits):
                cands[i] = [v for v, ok in zip(row, fits, strict=True) if ok]
                keys[i] = [k for k, ok in zip(keys[i] or (), fits, strict=True) if ok]
                if not cands[i]:
                    return cands, keys
                low[i], high[i] = bounds(i)
                changed = True
    return cands, keys


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
    fixed = 0
    varying: list[int] = []
    if use_sums:
        cands, keys = _narrow_by_bounds(cands, keys, outcomes, index[TOTAL])
        totals = pairs(index[TOTAL])
        # Outcome rows of one candidate add the same to every sum: the sets of partial sums
        # run over the other rows only (their sizes, and so MAX_STATES, are unchanged).
        for i in outcomes:
            row_keys = keys[i] or []
            if len(row_keys) == 1:
                fixed += row_keys[0]
            else:
                varying.append(i)
        rows = [keys[i] or [] for i in varying]
        forward = _prefix_sums(rows)
        backward = _prefix_sums(rows[::-1])[::-1]
        totals = [(t, key) for t, key in totals if key - fixed in forward[-1]]
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
        for i in outcomes:
            if len(keys[i] or ()) == 1:
                result[i] = list(cands[i] or ())  # in every solution, and there is one
        for j, row in enumerate(varying):
            needs = {key_t - fixed - f for _, key_t in totals for f in forward[j]}
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
