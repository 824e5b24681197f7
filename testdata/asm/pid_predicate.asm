; tracepoint:raw_syscalls:sys_enter: 25 instructions, 27 slots
probe:
	 0: Call FnGetCurrentPidTgid
	 1: RShImm dst: r0 imm: 32
	 2: JNEImm dst: r0 off: -1 imm: 1234 <aggdone_3>
	 3: Call FnGetCurrentPidTgid
	 4: MovReg32 dst: r0 src: r0
	 5: StXMemDW dst: rfp src: r0 off: -8 imm: 0
	 6: LoadMapPtr dst: r1 fd: 0 <@>
	 8: MovReg dst: r2 src: rfp
	 9: AddImm dst: r2 imm: -8
	10: Call FnMapLookupElem
	11: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_2>
	12: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	13: AddImm dst: r1 imm: 1
	14: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	15: Ja off: -1 <aggdone_3>
aggmiss_2:
	16: StMemDW dst: rfp src: r0 off: -16 imm: 1
	17: LoadMapPtr dst: r1 fd: 0 <@>
	19: MovReg dst: r2 src: rfp
	20: AddImm dst: r2 imm: -8
	21: MovReg dst: r3 src: rfp
	22: AddImm dst: r3 imm: -16
	23: MovImm dst: r4 imm: 0
	24: Call FnMapUpdateElem
aggdone_3:
	25: MovImm dst: r0 imm: 0
	26: Exit

