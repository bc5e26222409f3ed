/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header */
#ifndef _PCSLINT_LINUX_DELAY_H
#define _PCSLINT_LINUX_DELAY_H

#include <linux/types.h>

void __udelay(unsigned long usecs);
void __ndelay(unsigned long nsecs);
void __mdelay(unsigned long msecs);
#define udelay(n)	__udelay(n)
#define ndelay(n)	__ndelay(n)
#define mdelay(n)	__mdelay(n)

void msleep(unsigned int msecs);
unsigned long msleep_interruptible(unsigned int msecs);
void usleep_range_state(unsigned long min, unsigned long max, unsigned int state);

static inline void usleep_range(unsigned long min, unsigned long max)
{
	usleep_range_state(min, max, 2 /* TASK_UNINTERRUPTIBLE */);
}

static inline void fsleep(unsigned long usecs)
{
	if (usecs <= 10)
		udelay(usecs);
	else if (usecs <= 20000)
		usleep_range(usecs, 2 * usecs);
	else
		msleep((usecs + 999) / 1000);
}

#endif /* _PCSLINT_LINUX_DELAY_H */
