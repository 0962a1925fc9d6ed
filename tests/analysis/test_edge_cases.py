"""Edge cases of the as-of analysis, pinned on the small fixture dataset."""

import datetime as dt

from ratify import analysis as A

D = dt.date


def state(ds, country, instrument, on=None):
    return A.standing(ds.countries[country], instrument, on).state


def test_ratification_on_the_as_of_day_itself_counts(small):
    assert state(small, "XA", "C087", D(2016, 11, 4)) == A.RATIFIED
    assert state(small, "XA", "C087", D(2016, 11, 3)) == A.NOT_RATIFIED


def test_denunciation_before_and_after_the_as_of_day(small):
    assert state(small, "XB", "C105", D(2019, 12, 31)) == A.RATIFIED
    assert state(small, "XB", "C105", D(2020, 1, 1)) == A.DENOUNCED
    assert state(small, "XB", "C105") == A.DENOUNCED
    assert state(small, "XA", "C005", D(2001, 5, 17)) == A.RATIFIED
    assert state(small, "XA", "C005", D(2001, 5, 18)) == A.DENOUNCED


def test_year_only_dates_around_the_as_of_day(small):
    assert state(small, "XB", "C029", D(2016, 11, 4)) == A.UNCERTAIN
    assert state(small, "XB", "C029", D(2015, 12, 31)) == A.NOT_RATIFIED
    assert state(small, "XB", "C029", D(2016, 12, 31)) == A.RATIFIED
    assert state(small, "XB", "C098", D(2016, 11, 4)) == A.RATIFIED  # "2016-05" is surely before


def test_registered_but_not_in_force_is_pending_not_a_gap(small):
    ds = small
    report = A.gaps(ds, [ds.countries["XC"]], ds.resolve_instruments("osh"))
    assert [(g.country, g.instrument) for g in report.gaps] == [("XC", "C155")]
    assert [(p.country, p.instrument) for p in report.pending] == [("XC", "C187")]


def test_fundamental_set_before_and_after_10_june_2022(small):
    before = [i.id for i in small.resolve_instruments("fundamental", D(2022, 6, 9))]
    after = [i.id for i in small.resolve_instruments("fundamental", D(2022, 6, 10))]
    assert len(before) == 8 and "C155" not in before and "C187" not in before
    assert len(after) == 10 and {"C155", "C187"} <= set(after)
    assert "P029" not in after  # the set counts conventions; the protocol is listed on its own


def test_instrument_adopted_after_the_as_of_day_is_in_no_set(small):
    assert "C190" in [i.id for i in small.resolve_instruments("up-to-date")]
    assert "C190" not in [i.id for i in small.resolve_instruments("up-to-date", D(2018, 1, 1))]
    assert "C190" not in [
        i.id for i in small.resolve_instruments("up-to-date", D(2019, 7, 1))
    ]  # year alone: not surely adopted
    assert "C190" in [i.id for i in small.resolve_instruments("up-to-date", D(2020, 1, 1))]


def test_withdrawn_instruments_are_never_gaps(small):
    ds = small
    report = A.gaps(ds, list(ds.countries.values()), [ds.instruments["C031"], ds.instruments["C081"]])
    assert {g.instrument for g in report.gaps} == {"C081"}


def test_gaps_as_of_a_date_separates_uncertain(small):
    ds = small
    on = D(2016, 11, 4)
    report = A.gaps(ds, [ds.countries["XB"]], ds.resolve_instruments("fundamental", on), on)
    assert [g.instrument for g in report.gaps] == ["C138"]
    assert [u.instrument for u in report.uncertain] == ["C029"]


def test_claim_false_on_its_date_and_true_later(small):
    ds = small
    claim = next(t for t in ds.targets if t.id == "pair-claim-2016")
    rows = {r.country: r for r in A.target_progress(ds, claim, D(2026, 1, 1))}
    assert rows["XA"].state == "false" and rows["XA"].open == ["C182"]  # ratified only in 2018
    assert rows["XA"].claim_now == "true"
    assert rows["XB"].state == "uncertain" and rows["XB"].uncertain == ["C029"]


def test_target_overdue_met_and_counted(small):
    ds = small
    osh = next(t for t in ds.targets if t.id == "trio-osh")
    rows = {r.country: r for r in A.target_progress(ds, osh, D(2026, 1, 1))}
    assert rows["XA"].state == "overdue" and rows["XA"].by_deadline == "missed"
    assert rows["XA"].done == ["C155"]
    during = {r.country: r for r in A.target_progress(ds, osh, D(2024, 1, 1))}
    assert during["XA"].state == "open" and during["XA"].by_deadline is None
    two = next(t for t in ds.targets if t.id == "xb-two-of-three")
    [row] = A.target_progress(ds, two, D(2026, 1, 1))
    # C155 is shown not ratified by the cited list; nothing shows C081 either way.
    assert (row.needed, row.done, row.open, row.no_record, row.state) == (2, ["C190"], ["C155"], ["C081"], "uncertain")
    assert row.progress == "1/2 done, 1 not ratified, 1 no record"


def test_no_record_is_unknown_in_targets_never_missing(small):
    # XC has no complete list: its C155 is "no record", so neither open nor a reason for
    # "overdue" or "missed"; XA's C187 rests on the cited list, so XA's target was missed.
    ds = small
    osh = next(t for t in ds.targets if t.id == "trio-osh")
    rows = {r.country: r for r in A.target_progress(ds, osh, D(2026, 6, 1))}
    xc = rows["XC"]
    assert (xc.done, xc.open, xc.no_record) == (["C187"], [], ["C155"])
    assert xc.state == "uncertain"  # not "overdue": C155 may have been ratified
    # By the 2025 deadline, C187 was surely not registered (2026-03-01): missed, on evidence.
    assert xc.by_deadline == "missed"
    assert xc.progress == "1/2 done, 1 no record"
    assert xc.to_dict()["no_record"] == ["C155"] and xc.to_dict()["open"] == []
    assert (rows["XA"].open, rows["XA"].no_record, rows["XA"].state) == (["C187"], [], "overdue")


def test_targets_not_yet_stated_are_left_out(small):
    rows = A.targets(small, on=D(2010, 1, 1))
    assert "pair-claim-2016" not in {r.target.id for r in rows}


def test_peers_rank_by_number_of_peers(small):
    ds = small
    found = A.peers(ds, ds.countries["XC"], list(ds.countries.values()))
    assert found[0].instrument == "C087" and len(found[0].peers) == 2
    counts = [len(p.peers) for p in found]
    assert counts == sorted(counts, reverse=True)
    assert "C005" not in {p.instrument for p in found}  # outdated instruments are not suggested


def test_upgrades_and_automatic_denunciation(small):
    ds = small
    [upgrade] = A.upgrades(ds, ds.countries["XB"])
    assert (upgrade.instrument, upgrade.replaces, upgrade.would_denounce) == ("C138", ["C005"], ["C005"])
    assert A.upgrades(ds, ds.countries["XA"]) == []  # XA ratified C138, which denounced C005


def test_peers_and_upgrades_mark_what_shows_the_country_has_not_ratified(small):
    # XC has no complete list: nothing shows it has not ratified C087, so the suggestion is
    # marked no_record; XB's C138 rests on the cited list.
    ds = small
    [c087] = [p for p in A.peers(ds, ds.countries["XC"], list(ds.countries.values())) if p.instrument == "C087"]
    assert c087.state == "no_record" and c087.to_dict()["basis"] == "no_record"
    [upgrade] = A.upgrades(ds, ds.countries["XB"])
    d = upgrade.to_dict()
    assert (d["state"], d["basis"], d["basis_date"]) == ("not_ratified", "curated_list", "2026-06")
    ds.complete_lists.clear()
    [upgrade] = A.upgrades(ds, ds.countries["XB"])
    assert upgrade.state == "no_record" and upgrade.to_dict()["basis"] == "no_record"


def test_upgrades_propose_every_revising_instrument_still_open(small):
    # The ILO's "other instruments" (C132 revising C052, which the Governing Body invited C052's
    # parties to ratify), interim ones and those it asks information about can be ratified and
    # are proposed; only closed, outdated and shelved ones are not.
    ds = small
    for status in ("up-to-date", None, "other", "interim", "requests-information", "to-be-revised"):
        ds.instruments["C138"].status = status
        assert [u.instrument for u in A.upgrades(ds, ds.countries["XB"])] == ["C138"], status
    for status in ("outdated", "shelved", "abrogated", "withdrawn"):
        ds.instruments["C138"].status = status
        assert A.upgrades(ds, ds.countries["XB"]) == [], status


def test_timeline_counts_per_year_and_respects_as_of(small):
    ds = small
    years = {y.year: y.count for y in A.timeline(ds, list(ds.countries.values()))}
    assert years[1960] == 4 and years[2016] == 3 and years[1951] == 0
    early = {y.year: y.count for y in A.timeline(ds, list(ds.countries.values()), on=D(2016, 11, 4))}
    assert early[2016] == 2  # XA C087 on the day and XB C098 (2016-05); XB C029 ("2016") is undecidable
    assert max(early) == 2016


def test_profile_counts(small):
    ds = small
    profile = A.country_profile(ds, ds.countries["XA"])
    counts = {c.set_name: (c.ratified, c.total) for c in profile.counts}
    assert counts == {"fundamental": (9, 10), "governance": (0, 1)}
    old = A.country_profile(ds, ds.countries["XA"], D(2010, 1, 1))
    assert {c.set_name: (c.ratified, c.total) for c in old.counts}["fundamental"] == (
        6,
        8,
    )  # C087 came in 2016, C182 in 2018
