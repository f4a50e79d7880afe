# When the JIT cannot run here (MOCHI_STENCILS names a stencil library that is not
# there, as on a machine without one), mochi run says so in one line and runs the
# interpreter; mochi-jitrun alone exits 1 with the reason.
# RUN: MOCHI_STENCILS=/nonexistent/x86_64-linux.stencils mochi run examples/hello.mochi 2>&1 && mochi-ir --emit=binary -o %t examples/hello.mochi && MOCHI_STENCILS=/nonexistent/x86_64-linux.stencils mochi-jitrun %t
# EXIT: 1
