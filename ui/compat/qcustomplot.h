#pragma once
// The ui target builds with QT_NO_KEYWORDS (so LibTorch, which uses `slots` as an identifier,
// and Qt coexist in any include order), but QCustomPlot's installed header still declares its
// signals, and loops in its inline templates, with Qt's lower-case keywords. This directory comes
// first on the ui include path, so every `#include <qcustomplot.h>` lands here: the keywords are
// defined for the length of QCustomPlot's header only and never leak into a file that may include
// Torch afterwards.

#if defined(signals) || defined(slots) || defined(emit) || defined(foreach)
#error "Qt's lower-case keywords are defined; the ui target expects QT_NO_KEYWORDS"
#endif

#include <QObject>  // Q_SIGNALS, Q_SLOTS, Q_EMIT, Q_FOREACH

#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include_next <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
