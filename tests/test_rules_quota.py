"""Quota counting (Q6, Q10): who counts toward which municipality's taakstelling."""

from __future__ import annotations

from allocation.rules import counts_for_quota, quota_counts
from allocation.verify import verify
from builders import assignment, dwelling, family, household, municipality, plan, quota_lines, scenario

# Q6: father A was housed last year in a room in municipality X; his wife and four children arrive.
FATHER_HOUSED = household("A", "GM_X", current_dwelling="ROOM_X")
FAMILY_A = family(
    "A",
    ("referent", 41, "m"),
    ("partner", 38, "f"),
    ("child", 15, "m"),
    ("child", 12, "f"),
    ("child", 9, "m"),
    ("child", 4, "f"),
)


def test_q6_father_already_housed_stays_counted_where_first_housed():
    father = FAMILY_A[0]
    assert not counts_for_quota(father, FATHER_HOUSED)


def test_q6_arriving_family_counts_where_housed():
    assert all(counts_for_quota(p, FATHER_HOUSED) for p in FAMILY_A[1:])
    assert quota_counts(FAMILY_A, FATHER_HOUSED) == 5  # the whole family moves to Y; 5 count for Y


def test_referent_still_in_reception_counts_with_the_family():
    in_reception = household("B", "GM_X")
    family_b = family("B", ("referent", 41, "m"), ("partner", 38, "f"), ("child", 4, "f"))
    assert counts_for_quota(family_b[0], in_reception)
    assert quota_counts(family_b, in_reception) == 3


def test_amv_without_a_home_of_their_own_counts_too():
    amv = household("C", "GM_X", amv_municipality="GM_Y")
    members = family("C", ("referent", 16, "m"), ("parent", 44, "f"), ("sibling", 9, "f"))
    assert quota_counts(members, amv) == 3


def test_counting_is_per_person_so_groups_of_one_household_add_up():
    main, second = FAMILY_A[:4], FAMILY_A[4:]
    assert quota_counts(main, FATHER_HOUSED) + quota_counts(second, FATHER_HOUSED) == 5


def test_q6_family_housed_in_the_partner_municipality_counts_there_and_verify_agrees():
    s = scenario(
        [
            municipality("GM_X", "X", region="R", quota=10, housed=1),  # father counted here last year
            municipality("GM_Y", "Y", region="R", quota=10),
        ],
        [
            dwelling("ROOM_X", "GM_X", bedrooms=1, max_occupants=1, kind="room"),
            dwelling("HOUSE_Y", "GM_Y", bedrooms=4, max_occupants=6, rent=760),
        ],
        [FATHER_HOUSED],
        FAMILY_A,
    )
    counted = quota_counts(FAMILY_A, FATHER_HOUSED)
    moved = plan([assignment(s, "A", "HOUSE_Y")], [], quota_lines(s, {"GM_X": 0, "GM_Y": counted}))
    assert verify(s, moved) == []
    wrong = plan([assignment(s, "A", "HOUSE_Y")], [], quota_lines(s, {"GM_X": 0, "GM_Y": 6}))
    assert [v.rule for v in verify(s, wrong)] == ["QUOTA_NEWLY_COUNTED"]
