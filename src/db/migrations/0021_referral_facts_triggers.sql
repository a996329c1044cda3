-- Keeps referral_facts (one row per referral, what the Insight dashboards group and count by) current
-- in the same transaction as every write it summarises, whatever code path makes the write: a referral
-- inserted or updated, a referral event (engagement, connection to a service), an onward referral
-- made, a baseline measure recorded, a person's answers or postcode edited. Triggers rather than app
-- code because the writes come from a dozen operations (intake, casework, onward, FHIR, the demo seed,
-- jobs), and a missed one would make a dashboard silently wrong; the facts can always be rebuilt from
-- the tables they summarise (the backfill at the end does exactly that).
--
-- "Completed" means support reached its planned end (goals met, or connected to services). A case
-- closed as unable to contact, disengaged, moved away… also has status 'completed' in the state
-- machine, but counting those would hide drop-off: they come quickly and more often in deprived
-- areas, so equity figures would show completion rising where engagement falls. closed_at and
-- closure_reason keep every closure for the closure-reason tables.
CREATE FUNCTION insight_age_band(date_of_birth date, at timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN date_of_birth IS NULL THEN NULL
    WHEN extract(year FROM age(at::date, date_of_birth)) < 18 THEN '0-17'
    WHEN extract(year FROM age(at::date, date_of_birth)) < 25 THEN '18-24'
    WHEN extract(year FROM age(at::date, date_of_birth)) < 35 THEN '25-34'
    WHEN extract(year FROM age(at::date, date_of_birth)) < 45 THEN '35-44'
    WHEN extract(year FROM age(at::date, date_of_birth)) < 55 THEN '45-54'
    WHEN extract(year FROM age(at::date, date_of_birth)) < 65 THEN '55-64'
    WHEN extract(year FROM age(at::date, date_of_birth)) < 75 THEN '65-74'
    WHEN extract(year FROM age(at::date, date_of_birth)) < 85 THEN '75-84'
    ELSE '85+'
  END
$$;
--> statement-breakpoint
CREATE FUNCTION insight_referral_facts_from_referral() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO referral_facts AS f (
    referral_id, programme_id, received_at, source_type, referring_organisation_id,
    borough_code, lsoa_code, imd_decile, age_band, sex, ethnicity, language, disability, carer,
    status, accepted_at, first_contact_at, completed_at, closed_at, rejection_reason, closure_reason,
    has_consent_to_share, has_postcode, has_ethnicity, refreshed_at
  )
  SELECT NEW.id, NEW.programme_id, NEW.received_at, NEW.source_type, NEW.referring_organisation_id,
    p.borough_code, p.lsoa_code, p.imd_decile, insight_age_band(p.date_of_birth, NEW.received_at),
    p.sex, p.ethnicity, p.language, p.disability, p.carer,
    NEW.status, NEW.accepted_at, NEW.first_contact_at,
    CASE WHEN NEW.status = 'completed' AND NEW.closure_reason IN ('goals_met', 'connected_to_services')
      THEN NEW.closed_at END, NEW.closed_at,
    NEW.rejection_reason, NEW.closure_reason,
    NEW.consent_to_share, p.postcode IS NOT NULL, p.ethnicity IS NOT NULL, now()
  FROM people p WHERE p.id = NEW.person_id
  ON CONFLICT (referral_id) DO UPDATE SET
    programme_id = EXCLUDED.programme_id,
    received_at = EXCLUDED.received_at,
    source_type = EXCLUDED.source_type,
    referring_organisation_id = EXCLUDED.referring_organisation_id,
    borough_code = EXCLUDED.borough_code,
    lsoa_code = EXCLUDED.lsoa_code,
    imd_decile = EXCLUDED.imd_decile,
    age_band = EXCLUDED.age_band,
    sex = EXCLUDED.sex,
    ethnicity = EXCLUDED.ethnicity,
    language = EXCLUDED.language,
    disability = EXCLUDED.disability,
    carer = EXCLUDED.carer,
    status = EXCLUDED.status,
    accepted_at = EXCLUDED.accepted_at,
    first_contact_at = EXCLUDED.first_contact_at,
    completed_at = EXCLUDED.completed_at,
    closed_at = EXCLUDED.closed_at,
    rejection_reason = EXCLUDED.rejection_reason,
    closure_reason = EXCLUDED.closure_reason,
    has_consent_to_share = EXCLUDED.has_consent_to_share,
    has_postcode = EXCLUDED.has_postcode,
    has_ethnicity = EXCLUDED.has_ethnicity,
    refreshed_at = now();
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Only the columns the facts copy: a referral's task_version bump or note does not rewrite its facts.
CREATE TRIGGER referral_facts_on_referral
AFTER INSERT OR UPDATE OF programme_id, person_id, received_at, source_type, referring_organisation_id,
  status, accepted_at, first_contact_at, closed_at, rejection_reason, closure_reason, consent_to_share
ON referrals FOR EACH ROW EXECUTE FUNCTION insight_referral_facts_from_referral();
--> statement-breakpoint
-- Engagement is the first move to in_progress; connection is the first onward referral a service
-- accepted or started. Both take the event's own time, so a backdated contact counts when it happened.
CREATE FUNCTION insight_referral_facts_from_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.onward_referral_id IS NULL AND NEW.to_status = 'in_progress' THEN
    UPDATE referral_facts SET engaged_at = LEAST(COALESCE(engaged_at, NEW.occurred_at), NEW.occurred_at),
      refreshed_at = now()
    WHERE referral_id = NEW.referral_id;
  ELSIF NEW.onward_referral_id IS NOT NULL AND NEW.to_status IN ('accepted', 'started', 'completed') THEN
    UPDATE referral_facts SET connected_at = LEAST(COALESCE(connected_at, NEW.occurred_at), NEW.occurred_at),
      refreshed_at = now()
    WHERE referral_id = NEW.referral_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER referral_facts_on_event
AFTER INSERT ON referral_events FOR EACH ROW EXECUTE FUNCTION insight_referral_facts_from_event();
--> statement-breakpoint
CREATE FUNCTION insight_referral_facts_from_onward() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE referral_facts SET onward_referrals = onward_referrals + 1, refreshed_at = now()
  WHERE referral_id = NEW.referral_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER referral_facts_on_onward
AFTER INSERT ON onward_referrals FOR EACH ROW EXECUTE FUNCTION insight_referral_facts_from_onward();
--> statement-breakpoint
CREATE FUNCTION insight_referral_facts_from_measure() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.timepoint = 'baseline' THEN
    UPDATE referral_facts SET has_baseline_measure = true, refreshed_at = now()
    WHERE referral_id = NEW.referral_id AND NOT has_baseline_measure;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER referral_facts_on_measure
AFTER INSERT ON measures FOR EACH ROW EXECUTE FUNCTION insight_referral_facts_from_measure();
--> statement-breakpoint
-- A person's answers or area changed: every referral of theirs moves with them (the facts describe
-- the person as now recorded; the age band stays at each referral's receipt).
CREATE FUNCTION insight_referral_facts_from_person() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE referral_facts f SET
    borough_code = NEW.borough_code,
    lsoa_code = NEW.lsoa_code,
    imd_decile = NEW.imd_decile,
    age_band = insight_age_band(NEW.date_of_birth, f.received_at),
    sex = NEW.sex,
    ethnicity = NEW.ethnicity,
    language = NEW.language,
    disability = NEW.disability,
    carer = NEW.carer,
    has_postcode = NEW.postcode IS NOT NULL,
    has_ethnicity = NEW.ethnicity IS NOT NULL,
    refreshed_at = now()
  FROM referrals r
  WHERE r.person_id = NEW.id AND f.referral_id = r.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER referral_facts_on_person
AFTER UPDATE OF date_of_birth, postcode, language, sex, ethnicity, disability, carer, lsoa_code,
  borough_code, imd_decile
ON people FOR EACH ROW EXECUTE FUNCTION insight_referral_facts_from_person();
--> statement-breakpoint
-- Rebuilds the facts of referrals that have none (all, or one programme's): run below for the
-- referrals that exist already, and by a bulk load that inserts with the triggers disabled (the
-- insight bench). Set-based, so 1.3 million referrals take seconds rather than a trigger each.
CREATE FUNCTION insight_rebuild_referral_facts(only_programme uuid DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  inserted bigint;
BEGIN
  INSERT INTO referral_facts (
    referral_id, programme_id, received_at, source_type, referring_organisation_id,
    borough_code, lsoa_code, imd_decile, age_band, sex, ethnicity, language, disability, carer,
    status, accepted_at, first_contact_at, engaged_at, connected_at, completed_at, closed_at,
    rejection_reason, closure_reason, onward_referrals,
    has_consent_to_share, has_postcode, has_ethnicity, has_baseline_measure
  )
  -- Joins to per-referral aggregates rather than a subquery per referral: one pass over each table.
  WITH engaged AS (
    SELECT e.referral_id, min(e.occurred_at) AS at FROM referral_events e
    WHERE e.onward_referral_id IS NULL AND e.to_status = 'in_progress' GROUP BY e.referral_id
  ), connected AS (
    SELECT e.referral_id, min(e.occurred_at) AS at FROM referral_events e
    WHERE e.onward_referral_id IS NOT NULL AND e.to_status IN ('accepted', 'started', 'completed')
    GROUP BY e.referral_id
  ), onward AS (
    SELECT o.referral_id, count(*) AS n FROM onward_referrals o GROUP BY o.referral_id
  ), baseline AS (
    SELECT DISTINCT m.referral_id FROM measures m WHERE m.timepoint = 'baseline'
  )
  SELECT r.id, r.programme_id, r.received_at, r.source_type, r.referring_organisation_id,
    p.borough_code, p.lsoa_code, p.imd_decile, insight_age_band(p.date_of_birth, r.received_at),
    p.sex, p.ethnicity, p.language, p.disability, p.carer,
    r.status, r.accepted_at, r.first_contact_at, engaged.at, connected.at,
    CASE WHEN r.status = 'completed' AND r.closure_reason IN ('goals_met', 'connected_to_services')
    THEN r.closed_at END, r.closed_at,
    r.rejection_reason, r.closure_reason, coalesce(onward.n, 0),
    r.consent_to_share, p.postcode IS NOT NULL, p.ethnicity IS NOT NULL, baseline.referral_id IS NOT NULL
  FROM referrals r
  JOIN people p ON p.id = r.person_id
  LEFT JOIN engaged ON engaged.referral_id = r.id
  LEFT JOIN connected ON connected.referral_id = r.id
  LEFT JOIN onward ON onward.referral_id = r.id
  LEFT JOIN baseline ON baseline.referral_id = r.id
  WHERE (only_programme IS NULL OR r.programme_id = only_programme)
    AND NOT EXISTS (SELECT 1 FROM referral_facts f WHERE f.referral_id = r.id)
  ON CONFLICT (referral_id) DO NOTHING;
  GET DIAGNOSTICS inserted = ROW_COUNT;
  RETURN inserted;
END
$$;
--> statement-breakpoint
SELECT insight_rebuild_referral_facts();
