/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pcslint stub header: symbol exports. As in the kernel, an export is a
 * redeclaration of the symbol (the kernel adds an asm section entry).
 */
#ifndef _PCSLINT_LINUX_EXPORT_H
#define _PCSLINT_LINUX_EXPORT_H

#include <linux/compiler.h>

#define __EXPORT_SYMBOL(sym, license, ns)	extern typeof(sym) sym

#define EXPORT_SYMBOL(sym)		__EXPORT_SYMBOL(sym, "", "")
#define EXPORT_SYMBOL_GPL(sym)		__EXPORT_SYMBOL(sym, "GPL", "")
#define EXPORT_SYMBOL_NS(sym, ns)	__EXPORT_SYMBOL(sym, "", ns)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)	__EXPORT_SYMBOL(sym, "GPL", ns)

#endif /* _PCSLINT_LINUX_EXPORT_H */
