/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: branch hints, access helpers */
#ifndef _PCSLINT_LINUX_COMPILER_H
#define _PCSLINT_LINUX_COMPILER_H

#include <linux/compiler_types.h>

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

#define barrier()		__asm__ __volatile__("" : : : "memory")
#define unreachable()		__builtin_unreachable()

#define READ_ONCE(x)		(*(const volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, val)	do { *(volatile typeof(x) *)&(x) = (val); } while (0)

#endif /* _PCSLINT_LINUX_COMPILER_H */
