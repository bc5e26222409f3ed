/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: kthread (minimal, signatures as in 6.12) */
#ifndef _PCSLINT_LINUX_KTHREAD_H
#define _PCSLINT_LINUX_KTHREAD_H

#include <linux/types.h>
#include <linux/compiler.h>

struct task_struct;

struct task_struct *kthread_create_on_node(int (*threadfn)(void *data),
					   void *data,
					   int node,
					   const char namefmt[], ...);

#endif
