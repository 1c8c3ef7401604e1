/* test-cryptvfs.c — the encrypting SQLite VFS: round trip, leaks, tamper,
 * crash recovery and the fail-closed rules
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sodium.h>

#include "wb-core.h"
#include "wb-cryptvfs.h"

#define PAGE   WB_CRYPTVFS_PAGE_SIZE
#define HEADER WB_CRYPTVFS_HEADER_SIZE
#define FLAGS  (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)

/* Markers that must never appear on disk: as stored text, as the token
 * the FTS5 index stores (lower case), and inside a blob. */
#define MARKER_TEXT  "Geheimmarkerwb7xq"
#define MARKER_TOKEN "geheimmarkerwb7xq"
static const guint8 MARKER_BLOB[] = { 0xde, 0xad, 0xbe, 0xef, 'B', 'L', 'O', 'B', 'm', 'a', 'r', 'k', 0x01, 0x02, 0x03, 0x04 };

static char *empty_tmpdir;

/* Helpers --------------------------------------------------------------- */

static WbCryptKeys *
make_keys (void)
{
  guint8 uuid[WB_CRYPTVFS_UUID_BYTES];
  g_autoptr(WbKey) dek = wb_key_new_random ();
  g_autoptr(WbKey) page_key = wb_key_derive (dek, 1, "WBpage__");
  g_autoptr(WbKey) mask_key = wb_key_derive (dek, 3, "WBwalmsk");

  randombytes_buf (uuid, sizeof uuid);
  return wb_crypt_keys_new (uuid, page_key, mask_key);
}

static char *
make_vault_dir (void)
{
  g_autofree char *tmpl = g_build_filename (g_get_user_data_dir (), "vault-XXXXXX", NULL);
  char *dir;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  dir = g_mkdtemp (g_steal_pointer (&tmpl));
  g_assert_nonnull (dir);
  return dir;
}

static char *
db_path (const char *dir)
{
  return g_build_filename (dir, "vault.db", NULL);
}

static sqlite3 *
open_ok (const char  *path,
         WbCryptKeys *keys)
{
  g_autofree char *msg = NULL;
  sqlite3 *db = NULL;
  int rc;

  rc = wb_cryptvfs_open (path, keys, FLAGS, &db, &msg);
  if (rc != SQLITE_OK)
    g_error ("open failed: %d %s", rc, msg);
  g_assert_nonnull (db);
  return db;
}

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *msg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &msg);

  if (rc != SQLITE_OK)
    g_error ("%s: %d %s", sql, rc, msg);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *v;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return v;
}

static void
assert_text (sqlite3    *db,
             const char *sql,
             const char *expected)
{
  g_autofree char *v = query_text (db, sql);

  g_assert_cmpstr (v, ==, expected);
}

static void
write_fake_header (sqlite3 *db)
{
  guint8 header[HEADER];
  WbCryptvfsHeaderIo io = { TRUE, 0, sizeof header, header };

  for (gsize i = 0; i < sizeof header; i++)
    header[i] = (guint8) (i * 7 + 3);
  memcpy (header, "WBHEADER", 8);
  g_assert_cmpint (wb_cryptvfs_header_io (db, &io), ==, SQLITE_OK);
}

static void
assert_fake_header (sqlite3 *db)
{
  guint8 header[HEADER];
  WbCryptvfsHeaderIo io = { FALSE, 0, sizeof header, header };

  g_assert_cmpint (wb_cryptvfs_header_io (db, &io), ==, SQLITE_OK);
  g_assert_cmpmem (header, 8, "WBHEADER", 8);
  for (gsize i = 8; i < sizeof header; i++)
    g_assert_cmpuint (header[i], ==, (guint8) (i * 7 + 3));
}

static void
insert_markers (sqlite3 *db,
                int      n)
{
  sqlite3_stmt *stmt = NULL;

  exec_ok (db, "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT, data BLOB);"
               "CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5 (body);");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO t (body, data) VALUES (?, ?)", -1, &stmt, NULL), ==, SQLITE_OK);
  for (int i = 0; i < n; i++)
    {
      g_autofree char *body = g_strdup_printf ("row %d says %s in the open, padded %0300d", i, MARKER_TEXT, i);
      guint8 blob[256];

      for (gsize j = 0; j < sizeof blob; j += sizeof MARKER_BLOB)
        memcpy (blob + j, MARKER_BLOB, sizeof MARKER_BLOB);
      sqlite3_bind_text (stmt, 1, body, -1, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 2, blob, sizeof blob, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  exec_ok (db, "INSERT INTO fts (rowid, body) SELECT id, body FROM t WHERE id NOT IN (SELECT rowid FROM fts)");
}

static GBytes *
read_file (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

static gboolean
contains (GBytes       *bytes,
          const void   *needle,
          gsize         len)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  if (len == 0 || size < len)
    return FALSE;
  for (gsize i = 0; i + len <= size; i++)
    if (data[i] == *(const guint8 *) needle && memcmp (data + i, needle, len) == 0)
      return TRUE;
  return FALSE;
}

/* Every file in @dir (db, -wal, -shm, journals, anything) is free of the
 * markers and of SQLite's plaintext file header. */
static guint
assert_no_leak (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GBytes) bytes = read_file (path);

      g_test_message ("checking %s (%zu bytes)", name, g_bytes_get_size (bytes));
      g_assert_false (contains (bytes, MARKER_TEXT, strlen (MARKER_TEXT)));
      g_assert_false (contains (bytes, MARKER_TOKEN, strlen (MARKER_TOKEN)));
      g_assert_false (contains (bytes, MARKER_BLOB, sizeof MARKER_BLOB));
      g_assert_false (contains (bytes, "SQLite format 3", 15));
      g_assert_false (contains (bytes, "CREATE TABLE", 12));
      n++;
    }
  return n;
}

static void
assert_dir_has_only (const char         *dir,
                     const char * const *allowed)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (!g_strv_contains (allowed, name))
      g_error ("unexpected file %s in %s", name, dir);
}

static void
assert_tmpdir_empty (void)
{
  g_autoptr(GDir) d = g_dir_open (empty_tmpdir, 0, NULL);

  g_assert_nonnull (d);
  g_assert_null (g_dir_read_name (d));
}

static void
rm_rf (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GBytes) bytes = read_file (from);

  g_assert_true (g_file_set_contents (to, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
}

static void
file_pread (const char *path,
            goffset     off,
            guint8     *buf,
            gsize       len)
{
  int fd = g_open (path, O_RDONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pread (fd, buf, len, off), ==, (gssize) len);
  close (fd);
}

static void
file_pwrite (const char   *path,
             goffset       off,
             const guint8 *buf,
             gsize         len)
{
  int fd = g_open (path, O_WRONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, buf, len, off), ==, (gssize) len);
  close (fd);
}

static void
flip_byte (const char *path,
           goffset     off)
{
  guint8 b;

  file_pread (path, off, &b, 1);
  b ^= 0x01;
  file_pwrite (path, off, &b, 1);
}

static goffset
page_offset (guint pgno)
{
  return HEADER + (goffset) (pgno - 1) * PAGE;
}

/* Round trip ------------------------------------------------------------ */

static void
test_round_trip (void)
{
  g_autofree char *dir = make_vault_dir ();
  g_autofree char *path = db_path (dir);
  g_autoptr(WbCryptKeys) keys = make_keys ();
  g_autofree char *body = NULL;
  sqlite3 *db;

  db = open_ok (path, keys);
  write_fake_header (db);
  insert_markers (db, 50);
  exec_ok (db, "CREATE TABLE blobs (b BLOB); INSERT INTO blobs VALUES (zeroblob(20000))");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  db = open_ok (path, keys);
  assert_fake_header (db);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM t"), ==, 50);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM fts WHERE fts MATCH '" MARKER_TOKEN "'"), ==, 50);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM fts WHERE fts MATCH 'nonexistentword'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT sum(length(data)) FROM t"), ==, 50 * 256);
  g_assert_cmpint (query_int (db, "SELECT length(b) FROM blobs"), ==, 20000);
  body = query_text (db, "SELECT body FROM t WHERE id = 7");
  g_assert_true (g_str_has_prefix (body, "row 6 says " MARKER_TEXT));
  assert_text (db, "PRAGMA integrity_check", "ok");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  rm_rf (dir);
}

static void
test_two_vaults (void)
{
  g_autofree char *dir_a = make_vault_dir ();
  g_autofree char *dir_b = make_vault_dir ();
  g_autofree char *path_a = db_path (dir_a);
  g_autofree char *path_b = db_path (dir_b);
  g_autoptr(WbCryptKeys) keys_a = make_keys ();
  g_autoptr(WbCryptKeys) keys_b = make_keys ();
  sqlite3 *a = open_ok (path_a, keys_a);
  sqlite3 *b = open_ok (path_b, keys_b);

  exec_ok (a, "CREATE TABLE x (v); INSERT INTO x VALUES ('a')");
  exec_ok (b, "CREATE TABLE x (v); INSERT INTO x VALUES ('b')");
  assert_text (a, "SELECT v FROM x", "a");
  assert_text (b, "SELECT v FROM x", "b");
  sqlite3_close (a);
  sqlite3_close (b);

  rm_rf (dir_a);
  rm_rf (dir_b);
}

static void
test_wrong_key (void)
{
  g_autofree char *dir = make_vault_dir ();
  g_autofree char *path = db_path (dir);
  g_autoptr(WbCryptKeys) keys = make_keys ();
  g_autoptr(WbCryptKeys) other = make_keys ();
  g_autofree char *msg = NULL;
  g_autofree char *uri = NULL;
  sqlite3 *db;
  int rc;

  db = open_ok (path, keys);
  write_fake_header (db);
  exec_ok (db, "CREATE TABLE x (v); INSERT INTO x VALUES ('secret')");
  sqlite3_close (db);

  /* Fails at open, not at some later query. */
  db = NULL;
  rc = wb_cryptvfs_open (path, other, FLAGS, &db, &msg);
  g_assert_cmpint (rc, ==, SQLITE_IOERR_DATA);
  g_assert_null (db);
  g_assert_nonnull (msg);
  g_assert_null (strstr (msg, "secret"));

  /* The VFS by name, without keys: refused, never a plaintext open. */
  uri = g_strdup_printf ("file://%s?vfs=%s", path, WB_CRYPTVFS_NAME);
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL);
  g_assert_cmpint (rc, !=, SQLITE_OK);
  sqlite3_close (db);

  /* Plain SQLite sees no database at all. */
  db = NULL;
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  rc = sqlite3_exec (db, "SELECT * FROM sqlite_schema", NULL, NULL, NULL);
  g_assert_cmpint (rc, ==, SQLITE_NOTADB);
  g_assert_cmpstr (sqlite3_errmsg (db), ==, "file is not a database");
  sqlite3_close (db);

  /* The right key still works afterwards. */
  db = open_ok (path, keys);
  assert_text (db, "SELECT v FROM x", "secret");
  sqlite3_close (db);

  rm_rf (dir);
}

static void
test_header_io (void)
{
  g_autofree char *dir = make_vault_dir ();
  g_autofree char *path = db_path (dir);
  g_autoptr(WbCryptKeys) keys = make_keys ();
  guint8 buf[16] = { 0 };
  WbCryptvfsHeaderIo past_end = { FALSE, HEADER - 8, sizeof buf, buf };
  WbCryptvfsHeaderIo negative = { FALSE, -1, sizeof buf, buf };
  WbCryptvfsHeaderIo patch = { TRUE, 100, 4, (guint8 *) "ABCD" };
  guint8 disk[4];
  sqlite3 *db = open_ok (path, keys);

  write_fake_header (db);
  g_assert_cmpint (wb_cryptvfs_header_io (db, &past_end), ==, SQLITE_MISUSE);
  g_assert_cmpint (wb_cryptvfs_header_io (db, &negative), ==, SQLITE_MISUSE);

  /* Lots of page traffic, checkpoints and a VACUUM never touch it. */
  insert_markers (db, 100);
  exec_ok (db, "PRAGMA wal_checkpoint(TRUNCATE); DELETE FROM t WHERE id % 2 = 0; VACUUM");
  assert_fake_header (db);

  /* A patch lands on disk at exactly that offset, while SQLite keeps its
   * exclusive lock and carries on. */
  g_assert_cmpint (wb_cryptvfs_header_io (db, &patch), ==, SQLITE_OK);
  file_pread (path, 100, disk, sizeof disk);
  g_assert_cmpmem (disk, 4, "ABCD", 4);
  exec_ok (db, "INSERT INTO t (body) VALUES ('after patch')");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM t"), ==, 51);
  sqlite3_close (db);

  rm_rf (dir);
}

/* No leak --------------------------------------------------------------- */

static void
test_no_leak (void)
{
  g_autofree char *dir = make_vault_dir ();
  g_autofree char *path = db_path (dir);
  g_autoptr(WbCryptKeys) keys = make_keys ();
  const char * const open_files[] = { "vault.db", "vault.db-wal", NULL };
  const char * const closed_files[] = { "vault.db", NULL };
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  sqlite3 *db = open_ok (path, keys);

  write_fake_header (db);
  exec_ok (db, "PRAGMA wal_autocheckpoint=0");
  insert_markers (db, 200);

  /* Still only in the WAL. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (assert_no_leak (dir), >=, 2);
  assert_dir_has_only (dir, open_files);

  exec_ok (db, "PRAGMA wal_checkpoint(PASSIVE)");
  assert_no_leak (dir);
  exec_ok (db, "PRAGMA wal_checkpoint(TRUNCATE)");
  assert_no_leak (dir);

  exec_ok (db, "DELETE FROM t WHERE id % 3 = 0; VACUUM; PRAGMA wal_checkpoint(TRUNCATE)");
  assert_no_leak (dir);
  assert_dir_has_only (dir, open_files);

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_cmpuint (assert_no_leak (dir), ==, 1);
  assert_dir_has_only (dir, closed_files);
  assert_tmpdir_empty ();

  rm_rf (dir);
}

/* A child process writing a transaction too big for its page cache (so
 * uncommitted pages spill into the WAL) is killed with SIGKILL. */
static void
test_no_leak_after_kill (void)
{
  g_autofree char *dir = make_vault_dir ();
  g_autofree char *path = db_path (dir);
  g_autoptr(WbCryptKeys) keys = make_keys ();
  int fds[2];
  pid_t pid;
  char ready;
  int status;
  sqlite3 *db;

  db = open_ok (path, keys);
  write_fake_header (db);
  exec_ok (db, "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT, data BLOB);"
               "CREATE VIRTUAL TABLE fts USING fts5 (body);"
               "INSERT INTO t (body) VALUES ('committed')");
  sqlite3_close (db);

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sqlite3 *child = NULL;

      close (fds[0]);
      if (wb_cryptvfs_open (path, keys, FLAGS, &child, NULL) != SQLITE_OK)
        _exit (2);
      sqlite3_exec (child, "PRAGMA cache_size=5; BEGIN", NULL, NULL, NULL);
      insert_markers (child, 300);
      if (write (fds[1], "r", 1) != 1)
        _exit (3);
      for (;;)
        pause ();
    }

  close (fds[1]);
  g_assert_cmpint (read (fds[0], &ready, 1), ==, 1);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  close (fds[0]);

  assert_no_leak (dir);

  /* Nothing of the killed transaction survives; the rest is intact. */
  db = open_ok (path, keys);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM t"), ==, 1);
  assert_text (db, "PRAGMA integrity_check", "ok");
  sqlite3_close (db);
  assert_no_leak (dir);
  assert_tmpdir_empty ();

  rm_rf (dir);
}

/* Requirement 2: the WAL frame checksums on disk are masked. */
static void
test_wal_checksums_masked (void)
{
  g_autofree char *dir = make_vault_dir ();
  g_autofree char *path = db_path (dir);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(WbCryptKeys) keys = make_keys ();
  guint8 hdr[32];
  guint32 magic, s1 = 0, s2 = 0;
  gboolean big_endian;
  sqlite3 *db = open_ok (path, keys);

  exec_ok (db, "PRAGMA wal_autocheckpoint=0; CREATE TABLE x (v); INSERT INTO x VALUES (1)");
  file_pread (wal, 0, hdr, sizeof hdr);

  magic = GUINT32_FROM_BE (*(guint32 *) hdr);
  g_assert_true (magic == 0x377f0682 || magic == 0x377f0683);
  big_endian = magic & 1;
  for (gsize i = 0; i < 24; i += 8)
    {
      guint32 x0, x1;

      memcpy (&x0, hdr + i, 4);
      memcpy (&x1, hdr + i + 4, 4);
      if (big_endian)
        {
          x0 = GUINT32_FROM_BE (x0);
          x1 = GUINT32_FROM_BE (x1);
        }
      s1 += x0 + s2;
      s2 += x1 + s1;
    }
  /* SQLite's checksum of the header is not what is on disk … */
  g_assert_false (GUINT32_FROM_BE (*(guint32 *) (hdr + 24)) == s1
                  && GUINT32_FROM_BE (*(guint32 *) (hdr + 28)) == s2);
  /* … yet SQLite reads the log back after a crash (see the crash test). */
  sqlite3_close (db);

  rm_rf (dir);
}

/* Requirement 6: a checkpoint writes the WAL's ciphertext, not a second
 * encryption of the same page. */
static void
test_checkpoint_reuses_ciphertext (void)
{
  g_autofree char *dir = make_vault_dir ();
  g_autofree char *path = db_path (dir);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(WbCryptKeys) keys = make_keys ();
  g_autoptr(GBytes) wal_bytes = NULL;
  g_autoptr(GBytes) db_bytes = NULL;
  g_autoptr(GHashTable) last = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer k, v;
  const guint8 *w, *d;
  gsize wal_size, db_size;
  sqlite3 *db = open_ok (path, keys);

  exec_ok (db, "PRAGMA wal_autocheckpoint=0");
  insert_markers (db, 100);
  wal_bytes = read_file (wal);
  exec_ok (db, "PRAGMA wal_checkpoint(PASSIVE)");
  db_bytes = read_file (path);

  w = g_bytes_get_data (wal_bytes, &wal_size);
  d = g_bytes_get_data (db_bytes, &db_size);
  for (gsize off = 32; off + 24 + PAGE <= wal_size; off += 24 + PAGE)
    g_hash_table_insert (last, GUINT_TO_POINTER (GUINT32_FROM_BE (*(guint32 *) (w + off))),
                         GSIZE_TO_POINTER (off + 24));

  g_assert_cmpuint (g_hash_table_size (last), >, 10);
  g_hash_table_iter_init (&iter, last);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      goffset at = page_offset (GPOINTER_TO_UINT (k));

      g_assert_cmpuint (at + PAGE, <=, db_size);
      g_assert_cmpmem (d + at, PAGE, w + GPOINTER_TO_SIZE (v), PAGE);
    }
  sqlite3_close (db);

  rm_rf (dir);
}

static void
test_reserved_bytes_refused (void)
{
  g_autofree char *dir = make_vault_dir ();
  g_autofree char *path = db_path (dir);
  g_autoptr(WbCryptKeys) keys = make_keys ();
  sqlite3_file *fp = NULL;
  guint8 page[PAGE] = { 0 };
  sqlite3 *db = open_ok (path, keys);

  exec_ok (db, "CREATE TABLE x (v)");
  g_assert_cmpint (sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &fp), ==, SQLITE_OK);

  page[PAGE - 1] = 1;
  g_assert_cmpint (fp->pMethods->xWrite (fp, page, PAGE, 10 * PAGE), ==, SQLITE_IOERR_WRITE);
  /* Partial or misaligned page writes would mean a changed page size. */
  g_assert_cmpint (fp->pMethods->xWrite (fp, page, 100, 0), ==, SQLITE_IOERR_WRITE);
  g_assert_cmpint (fp->pMethods->xWrite (fp, page, PAGE, 100), ==, SQLITE_IOERR_WRITE);
  assert_text (db, "PRAGMA integrity_check", "ok");
  sqlite3_close (db);

  rm_rf (dir);
}

/* Tamper ---------------------------------------------------------------- */

typedef struct
{
  char        *dir;
  char        *path;
  WbCryptKeys *keys;
  guint        root;      /* root page of t */
  guint        n_pages;
} Tamper;

static void
tamper_build (Tamper      *t,
              WbCryptKeys *keys)
{
  sqlite3 *db;

  t->dir = make_vault_dir ();
  t->path = db_path (t->dir);
  t->keys = keys != NULL ? wb_crypt_keys_ref (keys) : make_keys ();

  db = open_ok (t->path, t->keys);
  write_fake_header (db);
  exec_ok (db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);"
               "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 60)"
               " INSERT INTO t SELECT i, printf('value %d %.400c', i, 'x') FROM c");
  t->root = (guint) query_int (db, "SELECT rootpage FROM sqlite_schema WHERE name = 't'");
  t->n_pages = (guint) query_int (db, "PRAGMA page_count");
  g_assert_cmpuint (t->n_pages, >=, 6);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
tamper_clear (Tamper *t)
{
  rm_rf (t->dir);
  g_free (t->dir);
  g_free (t->path);
  wb_crypt_keys_unref (t->keys);
}

/* TRUE only if the vault opens and answers correctly; an error anywhere
 * is FALSE; a wrong answer fails the test outright. */
static gboolean
tamper_reads_ok (Tamper *t)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  if (wb_cryptvfs_open (t->path, t->keys, FLAGS, &db, NULL) != SQLITE_OK)
    return FALSE;

  rc = sqlite3_prepare_v2 (db, "SELECT count(*), sum(length(v)) FROM t", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 60);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 1), >, 60 * 400);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

static void
test_tamper_control (void)
{
  Tamper t = { 0 };

  tamper_build (&t, NULL);
  g_assert_true (tamper_reads_ok (&t));
  tamper_clear (&t);
}

static void
test_tamper_flip (gconstpointer data)
{
  goffset within = GPOINTER_TO_SIZE (data);
  Tamper t = { 0 };

  tamper_build (&t, NULL);
  flip_byte (t.path, page_offset (t.root) + within);
  g_assert_false (tamper_reads_ok (&t));
  tamper_clear (&t);
}

static void
test_tamper_flip_page1 (void)
{
  Tamper t = { 0 };
  g_autofree char *msg = NULL;
  sqlite3 *db = NULL;

  tamper_build (&t, NULL);
  flip_byte (t.path, page_offset (1) + 50);
  g_assert_cmpint (wb_cryptvfs_open (t.path, t.keys, FLAGS, &db, &msg), ==, SQLITE_IOERR_DATA);
  g_assert_null (db);
  tamper_clear (&t);
}

static void
test_tamper_swap (void)
{
  Tamper t = { 0 };
  guint other;
  guint8 a[PAGE], b[PAGE];

  tamper_build (&t, NULL);
  other = t.root == t.n_pages ? t.root - 1 : t.root + 1;
  file_pread (t.path, page_offset (t.root), a, PAGE);
  file_pread (t.path, page_offset (other), b, PAGE);
  file_pwrite (t.path, page_offset (t.root), b, PAGE);
  file_pwrite (t.path, page_offset (other), a, PAGE);
  g_assert_false (tamper_reads_ok (&t));
  tamper_clear (&t);
}

/* A page moved in from another vault: other UUID and keys. */
static void
test_tamper_foreign_page (void)
{
  Tamper t = { 0 }, u = { 0 };
  guint8 page[PAGE];

  tamper_build (&t, NULL);
  tamper_build (&u, NULL);
  g_assert_cmpuint (t.root, ==, u.root);
  file_pread (u.path, page_offset (u.root), page, PAGE);
  file_pwrite (t.path, page_offset (t.root), page, PAGE);
  g_assert_false (tamper_reads_ok (&t));
  tamper_clear (&t);
  tamper_clear (&u);
}

static void
test_tamper_truncate (gconstpointer data)
{
  goffset extra = GPOINTER_TO_SIZE (data);
  Tamper t = { 0 };

  tamper_build (&t, NULL);
  g_assert_cmpint (truncate (t.path, page_offset (t.n_pages) + extra), ==, 0);
  g_assert_false (tamper_reads_ok (&t));
  tamper_clear (&t);
}

/* Accepted limit (DESIGN.md §2): an attacker who can write the file may
 * put back an older copy of a page; it authenticates and is read. */
static void
test_limit_stale_page_replay (void)
{
  g_autofree char *dir = make_vault_dir ();
  g_autofree char *path = db_path (dir);
  g_autoptr(WbCryptKeys) keys = make_keys ();
  guint8 stale[PAGE];
  guint root;
  sqlite3 *db;

  db = open_ok (path, keys);
  exec_ok (db, "CREATE TABLE x (v TEXT); INSERT INTO x VALUES ('old')");
  root = (guint) query_int (db, "SELECT rootpage FROM sqlite_schema WHERE name = 'x'");
  sqlite3_close (db);
  file_pread (path, page_offset (root), stale, PAGE);

  db = open_ok (path, keys);
  exec_ok (db, "UPDATE x SET v = 'new'");
  sqlite3_close (db);
  file_pwrite (path, page_offset (root), stale, PAGE);

  db = open_ok (path, keys);
  assert_text (db, "SELECT v FROM x", "old");
  sqlite3_close (db);

  rm_rf (dir);
}

/* Accepted limit: tampering with the un-checkpointed WAL tail looks like
 * a torn write; the transactions from there on are dropped. */
static void
test_limit_wal_tail (void)
{
  g_autofree char *dir = make_vault_dir ();
  g_autofree char *path = db_path (dir);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *copy_dir = make_vault_dir ();
  g_autofree char *copy = db_path (copy_dir);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autoptr(WbCryptKeys) keys = make_keys ();
  sqlite3 *db;
  goffset size;
  GStatBuf st;

  db = open_ok (path, keys);
  exec_ok (db, "PRAGMA wal_autocheckpoint=0; CREATE TABLE x (v)");
  exec_ok (db, "PRAGMA wal_checkpoint(TRUNCATE)");
  exec_ok (db, "INSERT INTO x VALUES (1)");
  exec_ok (db, "INSERT INTO x VALUES (2)");
  exec_ok (db, "INSERT INTO x VALUES (3)");

  /* A crash image: the folder as it is on disk right now. */
  copy_file (path, copy);
  copy_file (wal, copy_wal);
  sqlite3_close (db);

  g_assert_cmpint (g_stat (copy_wal, &st), ==, 0);
  size = st.st_size;
  g_assert_cmpint ((size - 32) % (24 + PAGE), ==, 0);
  g_assert_cmpint ((size - 32) / (24 + PAGE), ==, 3);

  /* the control: the image recovers all three */
  {
    g_autofree char *ctl_dir = make_vault_dir ();
    g_autofree char *ctl = db_path (ctl_dir);
    g_autofree char *ctl_wal = g_strconcat (ctl, "-wal", NULL);

    copy_file (copy, ctl);
    copy_file (copy_wal, ctl_wal);
    db = open_ok (ctl, keys);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM x"), ==, 3);
    sqlite3_close (db);
    rm_rf (ctl_dir);
  }

  /* a flipped byte in the last frame's page drops the last transaction */
  flip_byte (copy_wal, size - 1000);
  db = open_ok (copy, keys);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM x"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT max(v) FROM x"), ==, 2);
  assert_text (db, "PRAGMA integrity_check", "ok");
  sqlite3_close (db);

  rm_rf (dir);
  rm_rf (copy_dir);
}

/* Crash ----------------------------------------------------------------- */

#define ROWS_PER_TXN 3

static char *
crash_body (int txn,
            int row)
{
  int len = 100 + (txn * 37 + row * 101) % 1500;
  GString *s = g_string_new (NULL);

  while ((int) s->len < len)
    g_string_append_printf (s, "txn %d row %d; ", txn, row);
  g_string_truncate (s, len);
  return g_string_free (s, FALSE);
}

static void G_GNUC_NORETURN
crash_child (const char  *path,
             WbCryptKeys *keys,
             int          fd)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *ins = NULL;
  int txn;

  if (wb_cryptvfs_open (path, keys, FLAGS, &db, NULL) != SQLITE_OK)
    _exit (2);
  if (sqlite3_exec (db, "PRAGMA wal_autocheckpoint=20; PRAGMA cache_size=20;"
                        "CREATE TABLE IF NOT EXISTS t (txn INTEGER, row INTEGER, body TEXT);"
                        "CREATE TABLE IF NOT EXISTS counter (n INTEGER);"
                        "INSERT INTO counter SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM counter)",
                    NULL, NULL, NULL) != SQLITE_OK)
    _exit (3);
  if (sqlite3_prepare_v2 (db, "INSERT INTO t VALUES (?, ?, ?)", -1, &ins, NULL) != SQLITE_OK)
    _exit (4);

  txn = (int) query_int (db, "SELECT n FROM counter") + 1;
  for (;; txn++)
    {
      if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        _exit (5);
      for (int row = 0; row < ROWS_PER_TXN; row++)
        {
          char *body = crash_body (txn, row);

          sqlite3_bind_int (ins, 1, txn);
          sqlite3_bind_int (ins, 2, row);
          sqlite3_bind_text (ins, 3, body, -1, g_free);
          if (sqlite3_step (ins) != SQLITE_DONE)
            _exit (6);
          sqlite3_reset (ins);
        }
      /* an occasional delete keeps the free list and overwrites busy */
      if (txn % 7 == 0)
        {
          g_autofree char *sql = g_strdup_printf ("UPDATE t SET body = body WHERE txn = %d", txn / 2);
          sqlite3_exec (db, sql, NULL, NULL, NULL);
        }
      {
        g_autofree char *sql = g_strdup_printf ("UPDATE counter SET n = %d; COMMIT", txn);

        if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
          _exit (7);
      }
      if (write (fd, &txn, sizeof txn) != sizeof txn)
        _exit (8);
    }
}

static void
crash_verify (const char  *path,
              WbCryptKeys *keys,
              int          reported)
{
  sqlite3 *db = open_ok (path, keys);
  sqlite3_stmt *stmt = NULL;
  int n = (int) query_int (db, "SELECT n FROM counter");
  int rows = 0;

  /* every reported commit is there; at most the one in flight on top */
  g_assert_cmpint (n, >=, reported);
  g_assert_cmpint (n, <=, reported + 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM t"), ==, (gint64) n * ROWS_PER_TXN);
  g_assert_cmpint (query_int (db, "SELECT coalesce(max(txn), 0) FROM t"), ==, n);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT txn, row, body FROM t", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *want = crash_body (sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1));

      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, want);
      rows++;
    }
  g_assert_cmpint (rows, ==, n * ROWS_PER_TXN);
  sqlite3_finalize (stmt);

  assert_text (db, "PRAGMA integrity_check", "ok");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_crash_rounds (void)
{
  g_autofree char *dir = make_vault_dir ();
  g_autofree char *path = db_path (dir);
  g_autoptr(WbCryptKeys) keys = make_keys ();
  int reported = 0;
  guint rounds = g_test_slow () ? 100 : 25;

  for (guint round = 0; round < rounds; round++)
    {
      int fds[2];
      int want = g_test_rand_int_range (1, 12);
      int seen = 0;
      int status;
      int v;
      pid_t pid;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          crash_child (path, keys, fds[1]);
        }
      close (fds[1]);

      while (seen < want && read (fds[0], &v, sizeof v) == sizeof v)
        {
          reported = v;
          seen++;
        }
      g_assert_cmpint (seen, ==, want);
      /* somewhere inside the next transaction or checkpoint */
      g_usleep (g_test_rand_int_range (0, 3000));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));

      /* commits reported between our last read and the kill */
      while (read (fds[0], &v, sizeof v) == sizeof v)
        reported = v;
      close (fds[0]);

      crash_verify (path, keys, reported);
    }

  g_test_message ("%u rounds, %d transactions", rounds, reported);
  assert_no_leak (dir);
  rm_rf (dir);
}

/* Fail closed ----------------------------------------------------------- */

static void
assert_refused (sqlite3    *db,
                const char *sql)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    g_error ("not refused: %s", sql);
  g_assert_cmpint (rc, ==, SQLITE_AUTH);
}

static void
test_fail_closed (void)
{
  g_autofree char *dir = make_vault_dir ();
  g_autofree char *path = db_path (dir);
  g_autofree char *other_dir = make_vault_dir ();
  g_autofree char *copy = g_build_filename (other_dir, "copy.db", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(WbCryptKeys) keys = make_keys ();
  sqlite3 *db = open_ok (path, keys);

  write_fake_header (db);
  insert_markers (db, 20);

  sql = g_strdup_printf ("VACUUM INTO '%s'", copy);
  assert_refused (db, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("ATTACH '%s' AS plain", copy);
  assert_refused (db, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("ATTACH 'file:%s?vfs=unix' AS plain", copy);
  assert_refused (db, sql);
  assert_refused (db, "ATTACH ':memory:' AS m");
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));

  assert_refused (db, "PRAGMA page_size=8192");
  assert_refused (db, "PRAGMA main.page_size=1024");
  assert_refused (db, "PRAGMA journal_mode=DELETE");
  assert_refused (db, "PRAGMA journal_mode=OFF");
  assert_refused (db, "PRAGMA journal_mode=MEMORY");
  assert_refused (db, "PRAGMA locking_mode=NORMAL");
  assert_refused (db, "PRAGMA mmap_size=1048576");
  assert_refused (db, "PRAGMA temp_store=FILE");
  assert_refused (db, "PRAGMA writable_schema=ON");
  assert_refused (db, "PRAGMA secure_delete=OFF");
  assert_refused (db, "PRAGMA cell_size_check=OFF");
  assert_refused (db, "PRAGMA trusted_schema=ON");
  g_assert_cmpint (sqlite3_enable_load_extension (db, 1), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_load_extension (db, "libm.so.6", NULL, NULL), !=, SQLITE_OK);

  /* what the pragmas still say */
  g_assert_cmpint (query_int (db, "PRAGMA page_size"), ==, 4096);
  assert_text (db, "PRAGMA journal_mode", "wal");
  assert_text (db, "PRAGMA locking_mode", "exclusive");
  g_assert_cmpint (query_int (db, "PRAGMA temp_store"), ==, 2);
  g_assert_cmpint (query_int (db, "PRAGMA secure_delete"), ==, 1);
  exec_ok (db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=100");

  /* Temp tables and big sorts spill nowhere (requirement 7). */
  exec_ok (db, "PRAGMA temp.cache_size=5;"
               "CREATE TEMP TABLE big (x);"
               "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 3000)"
               " INSERT INTO big SELECT randomblob(1000) FROM c;"
               "CREATE INDEX temp.big_x ON big (x)");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM big"), ==, 3000);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM (SELECT x FROM big ORDER BY x DESC)"), ==, 3000);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT hex(x)) FROM big"), ==, 3000);
  exec_ok (db, "DROP TABLE big");

  /* plain VACUUM keeps working */
  exec_ok (db, "DELETE FROM t WHERE id % 2 = 0; VACUUM");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM t"), ==, 10);
  g_assert_cmpint (query_int (db, "PRAGMA page_size"), ==, 4096);
  assert_fake_header (db);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  {
    const char * const only_db[] = { "vault.db", NULL };

    assert_dir_has_only (dir, only_db);
  }
  db = open_ok (path, keys);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM t"), ==, 10);
  assert_text (db, "PRAGMA integrity_check", "ok");
  sqlite3_close (db);

  assert_no_leak (dir);
  assert_tmpdir_empty ();
  rm_rf (dir);
  rm_rf (other_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* SQLite picks its temp directory when it initialises: point it (and
   * everything else) at an empty directory that must stay empty. */
  empty_tmpdir = g_dir_make_tmp ("wb-cryptvfs-tmp-XXXXXX", NULL);
  g_assert_nonnull (empty_tmpdir);
  g_setenv ("SQLITE_TMPDIR", empty_tmpdir, TRUE);
  g_setenv ("TMPDIR", empty_tmpdir, TRUE);
  g_assert_cmpint (wb_cryptvfs_register (), ==, SQLITE_OK);

  g_test_add_func ("/cryptvfs/round-trip", test_round_trip);
  g_test_add_func ("/cryptvfs/two-vaults", test_two_vaults);
  g_test_add_func ("/cryptvfs/wrong-key", test_wrong_key);
  g_test_add_func ("/cryptvfs/header-io", test_header_io);
  g_test_add_func ("/cryptvfs/no-leak", test_no_leak);
  g_test_add_func ("/cryptvfs/no-leak-after-kill", test_no_leak_after_kill);
  g_test_add_func ("/cryptvfs/wal-checksums-masked", test_wal_checksums_masked);
  g_test_add_func ("/cryptvfs/checkpoint-reuses-ciphertext", test_checkpoint_reuses_ciphertext);
  g_test_add_func ("/cryptvfs/reserved-bytes-refused", test_reserved_bytes_refused);
  g_test_add_func ("/cryptvfs/tamper/control", test_tamper_control);
  g_test_add_data_func ("/cryptvfs/tamper/page-data", GSIZE_TO_POINTER (200), test_tamper_flip);
  g_test_add_data_func ("/cryptvfs/tamper/nonce", GSIZE_TO_POINTER (PAGE - 40 + 3), test_tamper_flip);
  g_test_add_data_func ("/cryptvfs/tamper/tag", GSIZE_TO_POINTER (PAGE - 16 + 5), test_tamper_flip);
  g_test_add_func ("/cryptvfs/tamper/page-1", test_tamper_flip_page1);
  g_test_add_func ("/cryptvfs/tamper/swap-pages", test_tamper_swap);
  g_test_add_func ("/cryptvfs/tamper/foreign-page", test_tamper_foreign_page);
  g_test_add_data_func ("/cryptvfs/tamper/truncate-at-boundary", GSIZE_TO_POINTER (0), test_tamper_truncate);
  g_test_add_data_func ("/cryptvfs/tamper/truncate-mid-page", GSIZE_TO_POINTER (1000), test_tamper_truncate);
  g_test_add_func ("/cryptvfs/limit/stale-page-replay", test_limit_stale_page_replay);
  g_test_add_func ("/cryptvfs/limit/wal-tail", test_limit_wal_tail);
  g_test_add_func ("/cryptvfs/crash-rounds", test_crash_rounds);
  g_test_add_func ("/cryptvfs/fail-closed", test_fail_closed);

  return g_test_run ();
}
