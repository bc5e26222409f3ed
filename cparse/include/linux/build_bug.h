/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: compile-time assertions */
#ifndef _PCSLINT_LINUX_BUILD_BUG_H
#define _PCSLINT_LINUX_BUILD_BUG_H

#include <linux/compiler.h>

#define BUILD_BUG_ON_ZERO(e)		((int)(sizeof(struct { int:(-!!(e)); })))
#define BUILD_BUG_ON(condition)		((void)sizeof(char[1 - 2 * !!(condition)]))
#define BUILD_BUG_ON_MSG(cond, msg)	BUILD_BUG_ON(cond)
#define BUILD_BUG()			do { } while (0)

/* static_assert(expr) or static_assert(expr, "message") */
#define static_assert(expr, ...)	__static_assert(expr, ##__VA_ARGS__, #expr)
#define __static_assert(expr, msg, ...)	_Static_assert(expr, msg)

#endif /* _PCSLINT_LINUX_BUILD_BUG_H */
