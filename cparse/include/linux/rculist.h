/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: RCU-protected lists (removal only) */
#ifndef _PCSLINT_LINUX_RCULIST_H
#define _PCSLINT_LINUX_RCULIST_H

#include <linux/list.h>

static inline void list_del_rcu(struct list_head *entry)
{
	list_del(entry);
}

static inline void hlist_del_rcu(struct hlist_node *n)
{
	hlist_del(n);
}

#endif /* _PCSLINT_LINUX_RCULIST_H */
