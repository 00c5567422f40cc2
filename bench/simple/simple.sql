-- The simplified sixth-form rule of the benchmark, as DuckDB SQL: the same rule as
-- simple.yaml (accredit) and simple.py. Reads the CSV named by the placeholder {input} and
-- writes learner,status (met or not-met), one row per learner in learner order, to {output}.
-- Only achieved results count (an empty status is achieved).
COPY (
  SELECT learner,
         CASE WHEN bool_or(ok AND type = 'gcse' AND subject = 'mathematics'
                           AND grade IN ('4', '5', '6', '7', '8', '9'))
               AND bool_or(ok AND type = 'gcse' AND subject = 'english-language'
                           AND grade IN ('4', '5', '6', '7', '8', '9'))
               AND count(*) FILTER (WHERE ok AND type = 'a-level'
                                    AND grade IN ('E', 'D', 'C', 'B', 'A', 'A*')) >= 3
               AND coalesce(sum(TRY_CAST(hours AS DOUBLE))
                              FILTER (WHERE ok AND kind = 'activity'), 0) >= 100
              THEN 'met' ELSE 'not-met' END AS status
  FROM (SELECT *, coalesce(status, '') IN ('', 'achieved') AS ok
        FROM read_csv('{input}', header = true, all_varchar = true))
  GROUP BY learner
  ORDER BY learner
) TO '{output}' (FORMAT csv, HEADER true);
