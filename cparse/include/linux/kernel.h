/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: the usual grab bag */
#ifndef _PCSLINT_LINUX_KERNEL_H
#define _PCSLINT_LINUX_KERNEL_H

#include <linux/kconfig.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/build_bug.h>
#include <linux/container_of.h>
#include <linux/array_size.h>
#include <linux/minmax.h>
#include <linux/limits.h>
#include <linux/bitops.h>
#include <linux/stringify.h>
#include <linux/printk.h>
#include <linux/bug.h>

#define ALIGN(x, a)		(((x) + ((typeof(x))(a) - 1)) & ~((typeof(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((typeof(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define roundup(x, y)		((((x) + ((y) - 1)) / (y)) * (y))
#define upper_32_bits(n)	((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n)	((u32)((n) & 0xffffffff))


void might_sleep(void);
#define might_sleep_if(cond)	do { if (cond) might_sleep(); } while (0)

int kstrtoint(const char *s, unsigned int base, int *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtobool(const char *s, bool *res);

#endif /* _PCSLINT_LINUX_KERNEL_H */
