/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: files (opening one by path) */
#ifndef _PCSLINT_LINUX_FS_H
#define _PCSLINT_LINUX_FS_H

#include <linux/types.h>

struct file;

extern struct file *filp_open(const char *, int, umode_t);

#endif /* _PCSLINT_LINUX_FS_H */
