"""The live board as a work surface (issue 16): sort state on the header cell, filters as chips,
the candidate's one-screen page walking the board's order with j/k, and its decision form sending
the person back to the decision."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from school101.extensions import db
from school101.models import Booking, DayGrading, Decision, Invitation
from school101.services.grading.runs import create_submission
from school101.services.selection import rounds


def _row_keys(page: str) -> list[str]:
    return re.findall(r'<tr id="row-([^"]+)"', page)


def _board(make_piscine, make_user, staff):
    """A piscine with three seated people: Alpha (c00: 30), Bravo (nothing), Charlie (c00: 80,
    and one submission for c00)."""
    piscine = make_piscine(capacity=10)
    people = [
        make_user(commit=False, first_name="Ana", last_name=last)
        for last in ("Alpha", "Bravo", "Charlie")
    ]
    db.session.flush()
    for user in people:
        db.session.add(Invitation(piscine_id=piscine.id, user_id=user.id))
        db.session.add(Booking(piscine_id=piscine.id, user_id=user.id, status="booked"))
    for user, score in ((people[0], 30), (people[2], 80)):
        db.session.add(
            DayGrading(
                piscine_id=piscine.id,
                user_id=user.id,
                day_id="c00",
                status="graded",
                score=score,
                max_score=100,
                verdict='{"exercises": []}',
            )
        )
    submission = create_submission(
        user=people[2], exercise="c00/ex00", files={"ft_putchar.c": b"x"}, source="upload"
    )
    submission.piscine_id, submission.day_id = piscine.id, "c00"
    piscine.seats_taken = 3
    db.session.commit()
    return piscine, people


def test_board_sorts_on_the_header_cell_and_filters_with_chips(
    staff_client, make_piscine, make_user, staff
):
    piscine, (alpha, bravo, charlie) = _board(make_piscine, make_user, staff)
    url = f"/staff/piscines/{piscine.id}/board?lang=en"
    page = staff_client.get(url).get_data(as_text=True)
    assert _row_keys(page) == [str(u.id) for u in (alpha, bravo, charlie)]  # by name
    assert re.search(r'<th scope="col" aria-sort="ascending">\s*<a [^>]*>Candidate', page)

    page = staff_client.get(url + "&sort=points&direction=desc").get_data(as_text=True)
    assert _row_keys(page) == [str(u.id) for u in (charlie, alpha, bravo)]
    assert re.search(r'<th scope="col" aria-sort="descending">\s*<a [^>]*>Points', page)
    assert not re.search(r'aria-sort="[a-z]+">\s*<a [^>]*>Candidate', page)
    page = staff_client.get(url + "&sort=c00&direction=asc").get_data(as_text=True)
    assert _row_keys(page) == [str(u.id) for u in (bravo, alpha, charlie)]  # no result lowest

    page = staff_client.get(url + "&missing=c00&sort=points&direction=desc").get_data(as_text=True)
    assert _row_keys(page) == [str(u.id) for u in (alpha, bravo)]  # Charlie turned c00 in
    chip = re.search(r'<li class="chip">\s*Nothing submitted for c00 <a href="([^"]+)"', page)
    assert chip, "a chip names the active filter"
    left = parse_qs(urlsplit(chip.group(1).replace("&amp;", "&")).query)
    assert "missing" not in left and left["sort"] == ["points"]  # removing it keeps the order
    assert 'class="filter-bar" id="filters">' in page  # closed while nothing is wrong

    bad = staff_client.get(url + "&missing=c99")
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert 'id="filters" open' in text and len(_row_keys(text)) == 3


def test_candidate_page_walks_the_board_and_decides(staff_client, make_piscine, make_user, staff):
    piscine, (alpha, bravo, charlie) = _board(make_piscine, make_user, staff)
    base = f"/staff/piscines/{piscine.id}/candidates"
    board = staff_client.get(f"/staff/piscines/{piscine.id}/board?sort=points&direction=desc")
    assert f'href="{base}/{alpha.id}?sort=points&amp;direction=desc"' in board.get_data(
        as_text=True
    )
    page = staff_client.get(f"{base}/{alpha.id}?sort=points&direction=desc&lang=en")
    text = page.get_data(as_text=True)
    prev = re.search(r'<a href="([^"]+)" rel="prev" data-shortcut="k"', text)
    nxt = re.search(r'<a href="([^"]+)" rel="next" data-shortcut="j"', text)
    assert prev.group(1) == f"{base}/{charlie.id}?sort=points&amp;direction=desc"
    assert nxt.group(1) == f"{base}/{bravo.id}?sort=points&amp;direction=desc"
    for heading in ("Identity", "Days and verdicts", "Selection games", "Exams"):
        assert heading in text
    assert "No selection round ranks this piscine yet" in text  # no round: no decision form

    rnd = rounds.create_round(
        name="Jury", piscine_ids=[piscine.id], weights={"day_scores": 1}, blind=False, actor=staff
    )
    db.session.commit()
    text = staff_client.get(f"{base}/{alpha.id}").get_data(as_text=True)
    action = f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/candidates/{alpha.id}"
    assert f'action="{action}"' in text
    refused = staff_client.post(action, data={"decision": "admit", "reason": "", "back": "piscine"})
    assert refused.status_code == 422 and Decision.query.count() == 0
    done = staff_client.post(
        action, data={"decision": "waitlist", "reason": "Régulier", "back": "piscine"}
    )
    assert done.status_code == 302
    assert done.headers["Location"].endswith(f"{base}/{alpha.id}#decision-panel")
    assert Decision.query.one().user_id == alpha.id
