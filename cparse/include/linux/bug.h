/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: run-time assertions */
#ifndef _PCSLINT_LINUX_BUG_H
#define _PCSLINT_LINUX_BUG_H

#include <linux/build_bug.h>
#include <linux/compiler.h>

void __pcslint_bug(void) __noreturn;
void __pcslint_warn(void);

#define BUG()		__pcslint_bug()
#define BUG_ON(condition) \
	do { if (unlikely(condition)) BUG(); } while (0)

/* WARN_ON() is an expression with the condition's truth value */
#define WARN_ON(condition) ({						\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__pcslint_warn();					\
	unlikely(__ret_warn_on);					\
})
#define WARN_ON_ONCE(condition)		WARN_ON(condition)
#define WARN(condition, format, ...)	WARN_ON(condition)
#define WARN_ONCE(condition, format, ...) WARN_ON(condition)

#endif /* _PCSLINT_LINUX_BUG_H */
