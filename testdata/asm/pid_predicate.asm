; tracepoint:raw_syscalls:sys_enter: 27 instructions, 29 slots
probe:
	 0: Call FnGetCurrentPidTgid
	 1: RShImm dst: r0 imm: 32
	 2: JEqImm dst: r0 off: -1 imm: 1234 <body_2>
	 3: MovImm dst: r0 imm: 0
	 4: Exit
body_2:
	 5: Call FnGetCurrentPidTgid
	 6: MovReg32 dst: r0 src: r0
	 7: StXMemDW dst: rfp src: r0 off: -8 imm: 0
	 8: LoadMapPtr dst: r1 fd: 0 <@>
	10: MovReg dst: r2 src: rfp
	11: AddImm dst: r2 imm: -8
	12: Call FnMapLookupElem
	13: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_3>
	14: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	15: AddImm dst: r1 imm: 1
	16: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	17: Ja off: -1 <aggdone_4>
aggmiss_3:
	18: StMemDW dst: rfp src: r0 off: -16 imm: 1
	19: LoadMapPtr dst: r1 fd: 0 <@>
	21: MovReg dst: r2 src: rfp
	22: AddImm dst: r2 imm: -8
	23: MovReg dst: r3 src: rfp
	24: AddImm dst: r3 imm: -16
	25: MovImm dst: r4 imm: 0
	26: Call FnMapUpdateElem
aggdone_4:
	27: MovImm dst: r0 imm: 0
	28: Exit

