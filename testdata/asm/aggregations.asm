; tracepoint:syscalls:sys_exit_read: 82 instructions, 88 slots
probe:
	  0: MovReg dst: r6 src: r1
	  1: LdXMemDW dst: r1 src: r6 off: 16 imm: 0
	  2: JSLEImm dst: r1 off: -1 imm: 0 <aggdone_8>
	  3: LdXMemDW dst: r7 src: r6 off: 16 imm: 0
	  4: StMemDW dst: rfp src: r0 off: -8 imm: 0
	  5: LoadMapPtr dst: r1 fd: 0 <@s>
	  7: MovReg dst: r2 src: rfp
	  8: AddImm dst: r2 imm: -8
	  9: Call FnMapLookupElem
	 10: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_2>
	 11: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 12: AddImm dst: r1 imm: 1
	 13: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	 14: LdXMemDW dst: r1 src: r0 off: 8 imm: 0
	 15: AddReg dst: r1 src: r7
	 16: StXMemDW dst: r0 src: r1 off: 8 imm: 0
	 17: Ja off: -1 <aggdone_3>
aggmiss_2:
	 18: StMemDW dst: rfp src: r0 off: -24 imm: 1
	 19: StXMemDW dst: rfp src: r7 off: -16 imm: 0
	 20: LoadMapPtr dst: r1 fd: 0 <@s>
	 22: MovReg dst: r2 src: rfp
	 23: AddImm dst: r2 imm: -8
	 24: MovReg dst: r3 src: rfp
	 25: AddImm dst: r3 imm: -24
	 26: MovImm dst: r4 imm: 0
	 27: Call FnMapUpdateElem
aggdone_3:
	 28: LdXMemDW dst: r1 src: r6 off: 16 imm: 0
	 29: MovImm dst: r7 imm: 0
	 30: JSLTImm dst: r1 off: -1 imm: 0 <ldone_4>
	 31: MovImm dst: r7 imm: 9
	 32: JSGEImm dst: r1 off: -1 imm: 4096 <ldone_4>
	 33: MovReg dst: r7 src: r1
	 34: SubImm dst: r7 imm: 0
	 35: DivImm dst: r7 imm: 512
	 36: AddImm dst: r7 imm: 1
ldone_4:
	 37: MovReg dst: r1 src: rfp
	 38: AddImm dst: r1 imm: -48
	 39: MovImm dst: r2 imm: 16
	 40: Call FnGetCurrentComm
	 41: StXMemDW dst: rfp src: r7 off: -32 imm: 0
	 42: LoadMapPtr dst: r1 fd: 0 <@l>
	 44: MovReg dst: r2 src: rfp
	 45: AddImm dst: r2 imm: -48
	 46: Call FnMapLookupElem
	 47: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_5>
	 48: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 49: AddImm dst: r1 imm: 1
	 50: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	 51: Ja off: -1 <aggdone_6>
aggmiss_5:
	 52: StMemDW dst: rfp src: r0 off: -8 imm: 1
	 53: LoadMapPtr dst: r1 fd: 0 <@l>
	 55: MovReg dst: r2 src: rfp
	 56: AddImm dst: r2 imm: -48
	 57: MovReg dst: r3 src: rfp
	 58: AddImm dst: r3 imm: -8
	 59: MovImm dst: r4 imm: 0
	 60: Call FnMapUpdateElem
aggdone_6:
	 61: LdXMemDW dst: r6 src: r6 off: 16 imm: 0
	 62: StMemDW dst: rfp src: r0 off: -8 imm: 0
	 63: LoadMapPtr dst: r1 fd: 0 <@m>
	 65: MovReg dst: r2 src: rfp
	 66: AddImm dst: r2 imm: -8
	 67: Call FnMapLookupElem
	 68: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_7>
	 69: LdXMemDW dst: r1 src: r0 off: 8 imm: 0
	 70: JEqImm dst: r1 off: -1 imm: 0 <write_9>
	 71: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 72: JSLEReg dst: r6 off: -1 src: r1 <aggdone_8>
write_9:
	 73: StXMemDW dst: r0 src: r6 off: 0 imm: 0
	 74: StMemDW dst: r0 src: r0 off: 8 imm: 1
	 75: Ja off: -1 <aggdone_8>
aggmiss_7:
	 76: StXMemDW dst: rfp src: r6 off: -24 imm: 0
	 77: StMemDW dst: rfp src: r0 off: -16 imm: 1
	 78: LoadMapPtr dst: r1 fd: 0 <@m>
	 80: MovReg dst: r2 src: rfp
	 81: AddImm dst: r2 imm: -8
	 82: MovReg dst: r3 src: rfp
	 83: AddImm dst: r3 imm: -24
	 84: MovImm dst: r4 imm: 0
	 85: Call FnMapUpdateElem
aggdone_8:
	 86: MovImm dst: r0 imm: 0
	 87: Exit

