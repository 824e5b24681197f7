; tracepoint:syscalls:sys_enter_openat: 26 instructions, 28 slots
probe:
	 0: MovReg dst: r7 src: r1
	 1: LoadMapPtr dst: r1 fd: 0 <events>
	 3: MovImm dst: r2 imm: 1048
	 4: MovImm dst: r3 imm: 0
	 5: Call FnRingbufReserve
	 6: MovReg dst: r6 src: r0
	 7: JEqImm dst: r6 off: -1 imm: 0 <lost_2>
	 8: StMemDW dst: r6 src: r0 off: 0 imm: 0
	 9: MovReg dst: r1 src: r6
	10: AddImm dst: r1 imm: 8
	11: MovImm dst: r2 imm: 16
	12: Call FnGetCurrentComm
	13: LdXMemDW dst: r3 src: r7 off: 24 imm: 0
	14: MovReg dst: r1 src: r6
	15: AddImm dst: r1 imm: 24
	16: MovImm dst: r2 imm: 1024
	17: Call FnProbeReadUserStr
	18: MovReg dst: r1 src: r6
	19: MovImm dst: r2 imm: 0
	20: Call FnRingbufSubmit
	21: Ja off: -1 <sent_3>
lost_2:
	22: LoadMapValue dst: r2, fd: 0 off: 0 <counters>
	24: MovImm dst: r1 imm: 1
	25: StXAtomicAddDW dst: r2 src: r1 off: 0
sent_3:
	26: MovImm dst: r0 imm: 0
	27: Exit

