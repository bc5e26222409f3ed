/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header */
#ifndef _PCSLINT_LINUX_JIFFIES_H
#define _PCSLINT_LINUX_JIFFIES_H

#include <linux/timer.h>

#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)

#endif /* _PCSLINT_LINUX_JIFFIES_H */
