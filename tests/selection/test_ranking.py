"""Explainable ranking: normalisation, weights, breakdown, API contract."""

import numpy as np
import pytest

from school101.core.errors import ValidationFailed
from school101.services.selection import ranking
from tests.selection.conftest import give_day_score


def test_normalise_is_a_mid_rank_percentile_and_zero_stays_zero():
    raw = np.array([[0.0], [10.0], [10.0], [30.0]])
    norm = ranking.normalise(raw)[:, 0]
    assert norm[0] == 0.0
    assert norm[1] == norm[2] == pytest.approx((1 + 0.5 * 2) / 4)
    assert norm[3] == pytest.approx((3 + 0.5) / 4)


def test_rank_matrix_orders_scores_and_shares_ranks_on_ties():
    result = ranking.rank_matrix(
        [7, 8, 9],
        [[10, 0], [10, 0], [20, 5]],
        ["day_scores", "exam_scores"],
        {"day_scores": 1, "exam_scores": 1},
    )
    items = result.items()
    assert [i["user_id"] for i in items] == [9, 7, 8]
    assert [i["rank"] for i in items] == [1, 2, 2]
    for item in items:
        assert sum(b["contribution"] for b in item["breakdown"]) == pytest.approx(
            item["score"], abs=0.02
        )


def test_two_piscines_compare_fairly():
    """The best of each piscine gets the same normalised value whatever the raw scale."""
    a = ranking.rank_matrix([1, 2], [[50], [100]], ["day_scores"], {"day_scores": 1})
    b = ranking.rank_matrix([3, 4], [[5], [10]], ["day_scores"], {"day_scores": 1})
    assert a.items()[0]["score"] == b.items()[0]["score"]


@pytest.mark.parametrize(
    "weights",
    [
        {},
        {"nope": 1},
        {"day_scores": -1},
        {"day_scores": 0},
        {"day_scores": "1"},
        {"day_scores": True},
    ],
)
def test_bad_weights_are_refused(weights):
    with pytest.raises(ValidationFailed):
        ranking.validate_weights(weights)


def test_api_ranking_includes_every_booked_candidate_with_zero_before_results(
    client, started_piscine, auth_header, make_user
):
    piscine, users, staff = started_piscine(n=3)
    r = client.get(f"/api/v1/piscines/{piscine.id}/ranking", headers=auth_header(staff))
    assert r.status_code == 200
    items = r.json["items"]
    assert sorted(i["user_id"] for i in items) == sorted(u.id for u in users)
    assert all(i["score"] == 0 for i in items)
    criteria = {b["criterion"] for b in items[0]["breakdown"]}
    assert criteria == set(ranking.DEFAULT_WEIGHTS)
    assert set(items[0]["breakdown"][0]) == {
        "criterion",
        "raw",
        "normalised",
        "weight",
        "contribution",
        "counted",
        "explanation",
    }
    assert (
        client.get(
            f"/api/v1/piscines/{piscine.id}/ranking", headers=auth_header(users[0])
        ).status_code
        == 403
    )
    assert client.get(f"/api/v1/piscines/{piscine.id}/ranking").status_code == 401


def test_api_ranking_follows_results(client, started_piscine, auth_header):
    piscine, (a, b, c), staff = started_piscine(n=3)
    give_day_score(piscine, a, "c00", 40, passed=2)
    give_day_score(piscine, b, "c00", 100, passed=9)
    give_day_score(piscine, c, "c00", 70, passed=5)
    items = client.get(f"/api/v1/piscines/{piscine.id}/ranking", headers=auth_header(staff)).json[
        "items"
    ]
    assert [i["user_id"] for i in items] == [b.id, c.id, a.id]
    assert [i["rank"] for i in items] == [1, 2, 3]
    top = {x["criterion"]: x for x in items[0]["breakdown"]}
    assert top["day_scores"]["raw"] == 100 and top["progress"]["raw"] == 9
