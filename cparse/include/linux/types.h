/* pcslint stub header: minimal kernel declarations for standalone analysis */
#ifndef _PCSLINT_LINUX_TYPES_H
#define _PCSLINT_LINUX_TYPES_H
typedef unsigned long size_t;
typedef _Bool bool;
#define true 1
#define false 0
#define NULL ((void *)0)
typedef unsigned int u32;
typedef unsigned char u8;
#endif
