/* cli_list: --list KIND, a bundle's content as tab-separated values.
 *
 * One header row, then one row per record in bundle order, every row with
 * the header's number of fields, so a spreadsheet opens it as it is:
 *   events:    key date title place countries category
 *   places:    key name local_name kind country lon lat
 *   countries: iso3 name local_name capital central_asia
 *   articles:  key date title author outlet topics file
 *   tours:     key title stops   (the header row only: bundles hold no tours yet)
 * References are by stable key (place, capital) or ISO code (country,
 * countries), so the lists join on them; several values in one field are
 * separated by commas ("KAZ,UZB"; topics too). Dates are as precise as the
 * event is ("2019", "2020-05", "2021-06-07"), degrees have 4 decimals. A tab,
 * newline or other control character inside a text becomes a space, so no
 * text can break the table. Reads the bundle through bundle.h's API only. */
#ifndef STEPPE_CLI_LIST_H
#define STEPPE_CLI_LIST_H

#include <stdio.h>

#include "bundle.h"
#include "cli_args.h"

/* Writes the list of kind to out. Returns the number of rows written after
 * the header, or -1 if kind is not a list kind or writing failed (the caller
 * reports it; for a pipe closed early, errno says so). */
long cli_list_write(const Bundle *b, CliListKind kind, FILE *out);

/* --list as the program runs it, so main only hands over: opens the bundle
 * file at bundle_path (NULL: the built-in bundle, builtin[0..builtin_size)),
 * writes the list to out and returns the exit status — 0, or 1 having said
 * on err ("steppe-atlas: " and one line) what went wrong: the file cannot be
 * read, it is not a valid bundle (the reader's message, naming the field and
 * byte offset), or the list could not be written. */
int cli_list_run(CliListKind kind, const char *bundle_path, const void *builtin, size_t builtin_size,
                 FILE *out, FILE *err);

#endif
