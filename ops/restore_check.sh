#!/usr/bin/env bash
# Backup and restore check (docs/operations.md): dump a THADS PostgreSQL database with pg_dump,
# restore it into a NEW database, and compare `thads report` and `thads export` byte for byte.
#
#   ops/restore_check.sh postgres://postgres@127.0.0.1:5432/thads_ci_ops [report-year] [month]
#
# The restored database name is the source's with "_restored" (dropped first). Exit 0 when the
# outputs are identical. Used by .ci/run on the database the production server ran on.
set -euo pipefail
cd "$(dirname "$0")/.."
src_url=$1
year=${2:-$(.venv/bin/python -c 'import datetime as d; t=d.date.today(); print(t.year + (t.month >= 10))')}
month=${3:-3}
base=${src_url%/*}
src_db=${src_url##*/}
dst_db="${src_db}_restored"
dst_url="$base/$dst_db"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

outputs() {  # $1 = database URL, $2 = folder
  mkdir -p "$2"
  for kind in cases money; do
    DATABASE_URL=$1 .venv/bin/thads report "$kind" --unit TNG --year "$year" --month "$month" \
      --format json --output "$2/report-$kind.json"
    DATABASE_URL=$1 .venv/bin/thads report "$kind" --unit TNG --year "$year" --month "$month" \
      --format csv --output "$2/report-$kind.csv"
  done
  DATABASE_URL=$1 .venv/bin/thads export --output "$2/export.jsonl"
}

outputs "$src_url" "$work/before"
pg_dump --format=custom --no-owner --dbname="$src_url" --file="$work/thads.dump"
psql "$base/postgres" -qc "DROP DATABASE IF EXISTS \"$dst_db\" WITH (FORCE)" \
  -c "CREATE DATABASE \"$dst_db\""
pg_restore --no-owner --exit-on-error --dbname="$dst_url" "$work/thads.dump"
outputs "$dst_url" "$work/after"
diff -r "$work/before" "$work/after"
echo "restore check: dump $(du -h "$work/thads.dump" | cut -f1), $(wc -l < "$work/before/export.jsonl") export lines, report and export identical after restore into $dst_db"
psql "$base/postgres" -qc "DROP DATABASE IF EXISTS \"$dst_db\" WITH (FORCE)"
