/* SPDX-License-Identifier: GPL-2.0-only */
/* pcslint stub header: polling helpers, as statement expressions */
#ifndef _PCSLINT_LINUX_IOPOLL_H
#define _PCSLINT_LINUX_IOPOLL_H

#include <linux/errno.h>
#include <linux/delay.h>
#include <linux/io.h>

/* simplified: bounded by a retry count instead of ktime */
#define read_poll_timeout(op, val, cond, sleep_us, timeout_us,		\
			  sleep_before_read, ...)			\
({									\
	unsigned long __left = (timeout_us) / ((sleep_us) ? (sleep_us) : 1) + 1; \
	if ((sleep_before_read) && (sleep_us))				\
		usleep_range(((sleep_us) >> 2) + 1, sleep_us);		\
	for (;;) {							\
		(val) = op(__VA_ARGS__);				\
		if (cond)						\
			break;						\
		if (!--__left)						\
			break;						\
		if (sleep_us)						\
			usleep_range(((sleep_us) >> 2) + 1, sleep_us);	\
	}								\
	(cond) ? 0 : -ETIMEDOUT;					\
})

#define readx_poll_timeout(op, addr, val, cond, sleep_us, timeout_us) \
	read_poll_timeout(op, val, cond, sleep_us, timeout_us, false, addr)
#define readl_poll_timeout(addr, val, cond, delay_us, timeout_us) \
	readx_poll_timeout(readl, addr, val, cond, delay_us, timeout_us)
#define readl_poll_timeout_atomic(addr, val, cond, delay_us, timeout_us) \
	readx_poll_timeout(readl, addr, val, cond, delay_us, timeout_us)

#endif /* _PCSLINT_LINUX_IOPOLL_H */
