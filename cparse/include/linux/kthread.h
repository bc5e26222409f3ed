/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: kernel threads */
#ifndef _PCSLINT_LINUX_KTHREAD_H
#define _PCSLINT_LINUX_KTHREAD_H

#include <linux/compiler.h>

struct task_struct;

__printf(4, 5)
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data),
					   void *data,
					   int node,
					   const char namefmt[], ...);

#endif /* _PCSLINT_LINUX_KTHREAD_H */
