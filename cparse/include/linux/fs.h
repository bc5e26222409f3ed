/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: fs (minimal, signatures as in 6.12) */
#ifndef _PCSLINT_LINUX_FS_H
#define _PCSLINT_LINUX_FS_H

#include <linux/types.h>
#include <linux/compiler.h>

struct file;

struct file *filp_open(const char *, int, umode_t);

#endif
