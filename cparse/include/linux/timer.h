/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: timers (minimal) */
#ifndef _PCSLINT_LINUX_TIMER_H
#define _PCSLINT_LINUX_TIMER_H

#include <linux/types.h>
#include <linux/container_of.h>

extern unsigned long volatile jiffies;

struct timer_list {
	struct hlist_node	entry;
	unsigned long		expires;
	void			(*function)(struct timer_list *);
	u32			flags;
};

void timer_setup(struct timer_list *timer,
		 void (*func)(struct timer_list *), unsigned int flags);
int mod_timer(struct timer_list *timer, unsigned long expires);
int del_timer(struct timer_list *timer);
int del_timer_sync(struct timer_list *timer);
int timer_delete_sync(struct timer_list *timer);

#define from_timer(var, callback_timer, timer_fieldname) \
	container_of(callback_timer, typeof(*var), timer_fieldname)

unsigned long msecs_to_jiffies(const unsigned int m);
unsigned int jiffies_to_msecs(const unsigned long j);
#define HZ 250

#endif /* _PCSLINT_LINUX_TIMER_H */
