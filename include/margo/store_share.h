/*
 * store_share.h: a library shared by a Unix group (store_share.c), the
 * file systems refused for a library, settings kept in the library, and
 * who may change an annotation.
 */
#ifndef MARGO_STORE_SHARE_H
#define MARGO_STORE_SHARE_H

#include "margo/store.h"

/* 0 when `path` may hold a library; -1 with *err (malloc'd) on a network
 * file system.  MARGO_TEST_FSTYPE (a name: nfs, cifs, smb2, sshfs...)
 * stands for the file system's type, for tests only. */
int store_share_fs_check(const char *path, char **err);

/* 1 when the library's folder is shared (setgid and the group's to
 * write), *group its group's name (malloc'd); 0 when private; -1. */
int store_share_state(const char *path, char **group);

/* Set umask 007 when the library's folder is shared. */
void store_share_umask(const char *path);

/* Share the library with `group` (folder 2770, files 0660), or make it
 * private again (0700, 0600, the user's group).  0; -2 with *err for the
 * user (no such group, not a member); -1 with *err. */
int store_share_make(const char *path, const char *group, char **err);
int store_share_make_private(const char *path, char **err);

/* A setting kept in the library (table meta): 1 with *value (malloc'd),
 * 0 when unset, -1.  Setting NULL removes it; 0 or -1. */
int store_setting_get(struct store *st, const char *key, char **value);
int store_setting_set(struct store *st, const char *key, const char *value);

/* 0 when this connection's coder may change annotation `id` (or the
 * link between `from` and `to`): theirs, nobody's, or the library lets
 * anyone ("anyone_edits").  -2 with a one-line refusal naming the coder,
 * -1 with *err. */
int store_annot_may_change(struct store *st, const char *id, char **err);
int store_link_may_change(struct store *st, const char *from, const char *to, char **err);

#endif
