"""Input problems a planner can fix, located by file, row and column."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input; ROW is the 1-based data row (0: the file as a whole)."""

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.column}: {self.message}"


class ScenarioError(Exception):
    """The scenario cannot be used; `problems` lists every fault found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


MAX_PROBLEMS_PER_FILE = 200
"""Problems listed per file; the rest are counted in one closing line (a broken file of a
million rows must not print a million lines, nor hold them in memory)."""


@dataclass(frozen=True, order=True)
class MoreProblems(Problem):
    """The closing line of a file whose problems were cut off: how many more there are."""

    count: int = 0


def more_problems(file: str, count: int) -> MoreProblems:
    """'and N more problems' for one file (row 0: the file as a whole)."""
    noun = "problem" if count == 1 else "problems"
    return MoreProblems(
        file, 0, "-", f"and {count:,} more {noun} in this file; fix the ones above and validate again", count
    )


class ProblemLog:
    """Problems as they are found, keeping per file only the first MAX_PROBLEMS_PER_FILE by row.

    Used like a list (append, +=, iteration); memory stays bounded however many are found, and
    `sorted()` gives exactly what sorting all of them and cutting each file off would.
    """

    def __init__(self, problems: Iterable[Problem] = (), limit: int = MAX_PROBLEMS_PER_FILE):
        self.limit = limit
        self._kept: dict[str, list[tuple[int, int, Problem]]] = {}
        self._seen: set[Problem] = set()
        self._more: dict[str, int] = {}
        self._order = 0
        self.extend(problems)

    def append(self, problem: Problem) -> None:
        """Keep the problem if it is among its file's first `limit` (by row, then as found)."""
        if isinstance(problem, MoreProblems):
            self._more[problem.file] = self._more.get(problem.file, 0) + problem.count
            return
        if problem in self._seen:
            return
        self._order += 1
        heap = self._kept.setdefault(problem.file, [])
        entry = (-problem.row, -self._order, problem)
        if len(heap) < self.limit:
            heapq.heappush(heap, entry)
            self._seen.add(problem)
            return
        self._more[problem.file] = self._more.get(problem.file, 0) + 1
        if entry > heap[0]:  # earlier than the latest kept one: it takes that one's place
            dropped = heapq.heapreplace(heap, entry)[2]
            self._seen.discard(dropped)
            self._seen.add(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Append each."""
        for problem in problems:
            self.append(problem)

    def __iadd__(self, problems: Iterable[Problem]) -> ProblemLog:
        self.extend(problems)
        return self

    def __iter__(self) -> Iterator[Problem]:
        return iter([entry[2] for heap in self._kept.values() for entry in heap])

    def __len__(self) -> int:
        return sum(len(heap) for heap in self._kept.values()) + sum(self._more.values())

    def __bool__(self) -> bool:
        return len(self) > 0

    def sorted(self) -> list[Problem]:
        """By file, then row (within a row, as found); each cut-off file closed by its count."""
        out: list[Problem] = []
        for file in sorted(set(self._kept) | set(self._more)):
            kept = sorted(self._kept.get(file, []), key=lambda e: (-e[0], -e[1]))
            out += [entry[2] for entry in kept]
            if self._more.get(file):
                out.append(more_problems(file, self._more[file]))
        return out
